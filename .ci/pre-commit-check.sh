#!/usr/bin/env bash
# Verify .pre-commit-hooks.yaml with the real pre-commit (from PyPI) on a temporary repository:
# the check hook fails on a finding, the fix hook repairs it, the check hook then passes.
#
#   .ci/pre-commit-check.sh            # PRE_COMMIT=path/to/pre-commit to use an installed one
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
work=$(mktemp -d -t handbook-lint-pre-commit.XXXXXX)
trap 'rm -rf "$work"' EXIT
pc=${PRE_COMMIT:-}
if [ -z "$pc" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q "pre-commit>=3,<5"
  pc=$work/venv/bin/pre-commit
fi
# pre-commit builds the hook with `cargo install`; share this checkout's build cache.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$checkout/target}
export PRE_COMMIT_HOME=$work/cache
repo=$work/repo
mkdir -p "$repo/guides"
cd "$repo"
git init -q
git config user.email ci@example.invalid
git config user.name ci
printf 'title: Test handbook\n' > _config.yml
printf -- '---\ntitle: Intro\n---\n\n# Intro\n' > guides/intro.md
printf -- '---\ntitle: Home\n---\n\n# Home\n\nRead the [intro](guides\\intro.md).\n' > index.md
git add -A
git commit -qm init

echo "== pre-commit: handbook-lint (expect a finding)"
set +e
"$pc" try-repo "$checkout" handbook-lint --all-files > "$work/check1.txt" 2>&1
status=$?
set -e
cat "$work/check1.txt"
[ "$status" -eq 1 ] || { echo "expected exit 1 from the check hook, got $status" >&2; exit 1; }
grep -q 'HB101' "$work/check1.txt" || { echo "the check hook did not report HB101" >&2; exit 1; }

echo "== pre-commit: handbook-lint-fix (expect the file to be fixed)"
set +e
"$pc" try-repo "$checkout" handbook-lint-fix --all-files > "$work/fix.txt" 2>&1
status=$?
set -e
cat "$work/fix.txt"
[ "$status" -eq 1 ] || { echo "expected exit 1 (files modified) from the fix hook, got $status" >&2; exit 1; }
grep -q '\[intro\](guides/intro.md)' index.md || { echo "index.md was not fixed:" >&2; cat index.md >&2; exit 1; }

echo "== pre-commit: handbook-lint (expect clean)"
"$pc" try-repo "$checkout" handbook-lint --all-files
echo "== pre-commit hooks verified"
