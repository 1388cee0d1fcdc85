#!/usr/bin/env bash
# markdownlint-cli2, pinned, over the parity pages: writes what it finds, one `FILE LINE MDxxx`
# a line, to fixtures/markdownlint-parity/expected.txt, which tests/markdownlint_parity.rs
# compares with our lints (no Node needed there). Rerun it after changing a parity page, and
# commit what it wrote; .ci/run reruns it and fails when the committed file is stale.
#
#   scripts/markdownlint-parity.sh                 # rewrite the expectations
#   scripts/markdownlint-parity.sh --compare DIR…  # both tools on DIR, rule by rule (a table)
#
# Needs node and npm. markdownlint-cli2 is installed once into
# ${HANDBOOK_LINT_CACHE:-~/.cache/handbook-lint}/markdownlint-cli2-VERSION.
set -euo pipefail
VERSION=0.24.1 # markdownlint 0.42.1: MD001 to MD060
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/scripts/markdownlint-parity"
pages="$root/fixtures/markdownlint-parity"
cache="${HANDBOOK_LINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/handbook-lint}/markdownlint-cli2-$VERSION"
cli="$cache/node_modules/.bin/markdownlint-cli2"

if [ ! -x "$cli" ]; then
  command -v npm >/dev/null || { echo "npm is not installed" >&2; exit 3; }
  mkdir -p "$cache"
  # --ignore-scripts: nothing of the package runs at install time.
  npm install --prefix "$cache" --no-audit --no-fund --silent --ignore-scripts \
    --save-exact "markdownlint-cli2@$VERSION" >&2 || { echo "npm install failed" >&2; exit 3; }
fi
banner="$("$cli" --help 2>&1 || true)"
case "$banner" in "markdownlint-cli2 v$VERSION "*) ;; *)
  echo "$cli is not markdownlint-cli2 v$VERSION" >&2; exit 3 ;;
esac

# markdownlint-cli2's findings over the Markdown files under the current folder, normalized:
# `FILE LINE MDxxx`, sorted. Its exit code is 1 when it finds something.
markdownlint() {
  local out status=0
  out="$("$cli" --config "$here/.markdownlint-cli2.jsonc" "$@" 2>&1)" || status=$?
  if [ "$status" -gt 1 ]; then printf "%s\n" "$out" >&2; exit 4; fi
  printf '%s\n' "$out" \
    | sed -nE 's/^([^ ]+\.(md|markdown)):([0-9]+)(:[0-9]+)? (error |warning )?(MD[0-9]{3})\/.*/\1 \3 \6/p' \
    | LC_ALL=C sort -u -k1,1 -k2,2n -k3,3
}

# Our findings (every lint that shares a markdownlint rule) on the files named, normalized
# the same way. Needs jq and a built handbook-lint ($HANDBOOK_LINT, or target/release).
ours() {
  local bin="${HANDBOOK_LINT:-$root/target/release/handbook-lint}" rules codes
  rules="$("$bin" rules --format json)"
  codes="$(jq -r '[.[] | select(.markdownlint) | .code] | join(",")' <<<"$rules")"
  "$bin" --offline --no-cache --format json --config "$here/handbook-lint.toml" \
    --select "$codes" "$@" \
    | jq -r --argjson rules "$rules" '
        ($rules | map({key: .code, value: .markdownlint}) | from_entries) as $md
        | .diagnostics[] | "\(.path | ltrimstr("./")) \(.line) \($md[.code])"' \
    | LC_ALL=C sort -u -k1,1 -k2,2n -k3,3
}

# --compare DIR [N]: both tools over DIR's Markdown files (every Nth file when N is given),
# a table rule by rule; the two lists are left in $TMPDIR/markdownlint-parity/.
if [ "${1:-}" = "--compare" ]; then
  dir="$2" step="${3:-1}" out="${TMPDIR:-/tmp}/markdownlint-parity/$(basename "$2")"
  mkdir -p "$out"
  cd "$dir"
  find . -name node_modules -prune -o \( -name '*.md' -o -name '*.markdown' \) -print \
    | sed 's|^\./||' | LC_ALL=C sort | awk -v n="$step" 'NR % n == 1 || n == 1' > "$out/files.txt"
  mapfile -t files < "$out/files.txt"
  markdownlint "${files[@]/#/:}" > "$out/markdownlint.txt"
  ours "${files[@]}" > "$out/ours.txt" || true
  echo "$dir: ${#files[@]} files (lists in $out)"
  echo "| rule | markdownlint | ours | agree | markdownlint only | ours only |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk '
    FNR == 1 { side++ }
    { rule[$3] = 1; if (side == 1) { m[$3]++; seen[$0] = 1 } else { o[$3]++; if ($0 in seen) a[$3]++ } }
    END {
      for (r in rule) {
        printf "| %s | %d | %d | %d | %d | %d |\n", r, m[r], o[r], a[r], m[r] - a[r], o[r] - a[r]
        tm += m[r]; to += o[r]; ta += a[r] }
      printf "| zall | %d | %d | %d | %d | %d |\n", tm, to, ta, tm - ta, to - ta
    }' "$out/markdownlint.txt" "$out/ours.txt" | LC_ALL=C sort | sed 's/^| zall /| all /'
  exit 0
fi

cd "$pages"
{
  echo "# markdownlint-cli2 v$VERSION over fixtures/markdownlint-parity/ with"
  echo "# scripts/markdownlint-parity/.markdownlint-cli2.jsonc: written by"
  echo "# scripts/markdownlint-parity.sh, do not edit. FILE LINE RULE"
  markdownlint '*.md' 'options/*.md' 'options-more/*.md' 'options-title/*.md'
} > expected.txt
echo "wrote fixtures/markdownlint-parity/expected.txt ($(grep -vc '^#' expected.txt) findings)"
