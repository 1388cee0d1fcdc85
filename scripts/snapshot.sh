#!/usr/bin/env bash
# Write what a handbook-lint binary prints on the fixtures and the shared corpora, with the
# default lints and with every lint, in every output format, to a folder: two builds that must
# behave the same are compared with `diff -r` of their folders.
#
#   scripts/snapshot.sh BIN OUT
#
# Formats: all eight; only concise, json and full when FORMATS=3 (quicker). Corpora:
# fixtures/handbook, fixtures/sites/*, and ../shared/corpora/* if present.
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
cd "$(dirname "$0")/.."
formats=(concise json full)
[ "${FORMATS:-8}" = 3 ] || formats+=(sarif gitlab github junit checkstyle)
dirs=(fixtures/handbook fixtures/sites/*/)
for d in ../shared/corpora/*/; do [ -d "$d" ] && dirs+=("$d"); done
for d in "${dirs[@]}"; do
  name=$(echo "${d%/}" | tr '/.' '__')
  for f in "${formats[@]}"; do
    for sel in default all; do
      extra=(); [ "$sel" = all ] && extra=(--extend-select HB)
      (cd "$d" && "$bin" check --offline --no-cache --format "$f" ${extra[@]+"${extra[@]}"} . \
        > "$out/$name.$sel.$f" 2>&1; echo "exit $?" >> "$out/$name.$sel.$f") || true
    done
  done
done
echo "$out: $(ls "$out" | wc -l) outputs"
