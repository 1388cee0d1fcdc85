#!/usr/bin/env python3
"""Time commands interleaved round by round, which the machine's drift disturbs less than
timing each command's runs in a row. Prints the median wall time, the median CPU time (user +
system of the command and its children) and the median peak RSS of each command (read by
/usr/bin/time when it is installed).

    scripts/interleave.py [--rounds N] [--dir DIR] NAME=COMMAND...

COMMAND is split like a shell word list (no shell runs it); its output is discarded and its
exit status ignored (linters exit 1 when they find something). One warm-up round is not counted.
"""
import argparse
import os
import resource
import shlex
import statistics
import subprocess
import tempfile
import time


# A forked child's peak RSS counts this Python process's own memory from before the exec:
# the peak is read by /usr/bin/time (a small program) when it is there.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(argv, cwd):
    with tempfile.NamedTemporaryFile("r") as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name, *argv] if TIME else argv
        start = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, _, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        lines = rss.read().split()
        peak = int(lines[-1]) if TIME and lines and lines[-1].isdigit() else usage.ru_maxrss
    return wall, usage.ru_utime + usage.ru_stime, peak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--dir", default=".")
    ap.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    args = ap.parse_args()
    cmds = []
    for spec in args.commands:
        name, _, cmd = spec.partition("=")
        cmds.append((name, shlex.split(cmd)))
    for _, argv in cmds:
        run(argv, args.dir)
    results = {name: [] for name, _ in cmds}
    for _ in range(args.rounds):
        for name, argv in cmds:
            results[name].append(run(argv, args.dir))
    width = max(len(n) for n, _ in cmds)
    print(f"{'command':<{width}}  {'wall ms':>8}  {'CPU ms':>8}  {'RSS MB':>7}  ({args.rounds} rounds, medians)")
    for name, _ in cmds:
        runs = results[name]
        wall = statistics.median(r[0] for r in runs) * 1000
        cpu = statistics.median(r[1] for r in runs) * 1000
        rss = statistics.median(r[2] for r in runs) / 1024
        print(f"{name:<{width}}  {wall:8.0f}  {cpu:8.0f}  {rss:7.1f}")


if __name__ == "__main__":
    main()
