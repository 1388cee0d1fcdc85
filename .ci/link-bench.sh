#!/usr/bin/env bash
# The link-check benchmark: ../shared/bench/link-bench.sh (a loopback server with latency,
# 404s, 500s, redirect chains, 429-once, hangs, HEAD-405 and ids; a 2,000-URL corpus with
# ground truth; precision and recall), run with our checker lines beside lychee's.
#
#   .ci/link-bench.sh [WORK_DIR]          # ONLY=..., N_URLS=..., TIMEOUT_S=... as in the harness
#
# The harness's checker lines live in its script; this writes a copy of it (into WORK_DIR)
# with our lines added, and runs that. Our lines:
#   handbook-lint            default settings (global 64, per host 8)
#   handbook-lint+limits128  --max-concurrency 128 --host-concurrency 128
#   handbook-lint+cold       cache on (a fresh cache file in WORK_DIR) ...
#   handbook-lint+warm       ... and the same again: every definitive verdict from the cache
#   handbook-lint+warm-nohang  warm, with the 20 /hang/ URLs excluded (unverifiable verdicts
#                            are never cached, so they are asked again on every run)
# Reported URLs are those of broken-external-link (HB105) and unverifiable-link (HB108).
set -euo pipefail
cd "$(dirname "$0")/.."
harness=../shared/bench/link-bench.sh
[ -f "$harness" ] || { echo "needs $harness (../shared beside the checkout)" >&2; exit 2; }
cargo build --release -q --bin handbook-lint
work=${1:-$(mktemp -d -t handbook-lint-link-bench.XXXXXX)}
mkdir -p "$work"; work=$(cd "$work" && pwd)
hl=$PWD/target/release/handbook-lint
bench=$(cd ../shared/bench && pwd)
export PEERS=${PEERS:-/tmp/peers}
rm -f "$work/links-cache.json"
python3 - "$harness" "$work/link-bench.sh" "$hl" "$bench" "$work/links-cache.json" <<'PY'
import sys
src, dst, hl, bench, cache = sys.argv[1:]
text = open(src).read()
text = text.replace('HERE="$(cd "$(dirname "$0")" && pwd)"', 'HERE="%s"' % bench, 1)
report = r"""| grep -E 'HB105|HB108' | grep -o 'http://127[^ ]*' | tr -d '\\140' | sort -u > {REPORT}"""
base = hl + " --format concise --allow-loopback --timeout $TIMEOUT_S"
lines = [
    ("handbook-lint", base + " --no-cache {DIR} "),
    ("handbook-lint+limits128", base + " --no-cache --max-concurrency 128 --host-concurrency 128 {DIR} "),
    ("handbook-lint+cold", base + " --cache-path " + cache + " {DIR} "),
    ("handbook-lint+warm", base + " --cache-path " + cache + " {DIR} "),
    ("handbook-lint+warm-nohang", base + " --cache-path " + cache + " --exclude-url /hang/ {DIR} "),
]
ours = "".join('checker %s urls "%s%s"\n' % (name, cmd, report) for name, cmd in lines)
marker = "# ==========================================================================="
head, sep, tail = text.rpartition(marker)
open(dst, "w").write(head + ours + sep + tail)
PY
bash "$work/link-bench.sh" "$work"
