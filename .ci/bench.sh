#!/usr/bin/env bash
# The bench command: parse-only vs full check in memory (handbook-lint-bench), then the CLI
# (lints on by default, and every lint) timed side by side with rumdl and mado by hyperfine,
# with whichever of them are installed.
#
#   .ci/bench.sh [CORPUS...]
#
# Default corpora: a synthetic 5,000-page handbook generated with
# ../shared/bench/gen-md-corpus.py, and ../shared/corpora/large-ruby-lang.
# PEERS (default /tmp/peers) is where ../shared/bench/install-peers.sh put rumdl; MADO the
# mado binary; BEFORE an older handbook-lint to time with its 12 lints; RUNS the hyperfine
# runs, ROUNDS the interleaved rounds (scripts/interleave.py, after hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q --bins
bin=$PWD/target/release
corpora=("$@")
if [ ${#corpora[@]} -eq 0 ]; then
  synth=${SYNTH:-/tmp/handbook-lint-synth-5k}
  if [ ! -d "$synth" ] && [ -f ../shared/bench/gen-md-corpus.py ]; then
    python3 ../shared/bench/gen-md-corpus.py "$synth" --files 5000 --seed 1 > /dev/null
  fi
  [ -d "$synth" ] && corpora+=("$synth")
  [ -d ../shared/corpora/large-ruby-lang ] && corpora+=(../shared/corpora/large-ruby-lang)
fi
"$bin/handbook-lint-bench" --runs 10 "${corpora[@]}"

rumdl=${PEERS:-/tmp/peers}/rumdl-venv/bin/rumdl
# mado 0.3.1 is in no registry: ../shared/bench/peers/mado holds a binary built by hand.
mado=${MADO:-../shared/bench/peers/mado}
[ -x "$mado" ] && mado=$(cd "$(dirname "$mado")" && pwd)/$(basename "$mado")
# BEFORE=path/to/an/older/handbook-lint adds it, with the 12 lints it had, beside ours.
twelve=HB001,HB101,HB102,HB103,HB104,HB105,HB106,HB107,HB108,HB301,HB302,HB501
for corpus in "${corpora[@]}"; do
  echo
  echo "== $corpus: peak RSS"
  /usr/bin/time -f "handbook-lint: %M KiB, %e s" "$bin/handbook-lint" --offline --format concise "$corpus" > /dev/null 2> >(tail -1 >&2) || true
  if ! command -v hyperfine > /dev/null; then
    echo "(hyperfine missing: apt-get install hyperfine)"
    continue
  fi
  cmds=(
    "$bin/handbook-lint check --offline --no-cache --format concise ."
    "$bin/handbook-lint check --offline --no-cache --format concise --extend-select HB ."
  )
  [ -x "$rumdl" ] && cmds+=("$rumdl check --no-cache --no-config .")
  [ -x "$mado" ] && cmds+=("$mado check .")
  if [ -n "${BEFORE:-}" ]; then
    cmds+=("$BEFORE check --offline --no-cache --format json ."
      "$bin/handbook-lint check --offline --no-cache --format json --select $twelve .")
  fi
  (cd "$corpus" && hyperfine -N -i --warmup 1 --runs "${RUNS:-10}" "${cmds[@]}")
  # The same commands alternated round by round (the machine's drift touches all alike), with
  # their CPU time and peak RSS.
  names=(default every-lint)
  [ -x "$rumdl" ] && names+=(rumdl)
  [ -x "$mado" ] && names+=(mado)
  [ -n "${BEFORE:-}" ] && names+=(before-12 twelve)
  specs=()
  for i in "${!cmds[@]}"; do specs+=("${names[$i]}=${cmds[$i]}"); done
  python3 scripts/interleave.py --rounds "${ROUNDS:-10}" --dir "$corpus" "${specs[@]}"
done
