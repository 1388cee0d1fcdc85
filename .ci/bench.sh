#!/usr/bin/env bash
# The bench command: parse-only vs full check in memory (handbook-lint-bench), then the CLI
# timed side by side with rumdl by hyperfine when both are available.
#
#   .ci/bench.sh [CORPUS...]
#
# Default corpora: a synthetic 5,000-page handbook generated with
# ../shared/bench/gen-md-corpus.py, and ../shared/corpora/large-ruby-lang.
# PEERS (default /tmp/peers) is where ../shared/bench/install-peers.sh put rumdl.
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
for corpus in "${corpora[@]}"; do
  echo
  echo "== $corpus: peak RSS"
  /usr/bin/time -f "handbook-lint: %M KiB, %e s" "$bin/handbook-lint" --offline --format concise "$corpus" > /dev/null 2> >(tail -1 >&2) || true
  if command -v hyperfine > /dev/null && [ -x "$rumdl" ]; then
    (cd "$corpus" && hyperfine -N -i --warmup 1 --runs 10 \
      "$bin/handbook-lint check --offline --format concise ." \
      "$rumdl check --no-cache --no-config .")
  else
    echo "(hyperfine or rumdl missing: apt-get install hyperfine; PEERS=... ../shared/bench/install-peers.sh rumdl)"
  fi
done
