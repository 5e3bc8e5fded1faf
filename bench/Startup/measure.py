#!/usr/bin/env python3
"""Whole-process timings of hull against the real ytt, side by side (issue 16).

Each workload runs RUNS times alternating (hull, ytt, hull, ytt, ...), both with stdout and stderr to /dev/null.
Wall and CPU time are taken around posix_spawn and wait4 (no shell, no fork of this interpreter). Peak memory comes
from separate runs under /usr/bin/time (%M): a child spawned from this interpreter inherits its memory's high-water
mark (the kernel keeps the largest RSS of the process before and after exec), which would read as 14 MB for anything.
Prints one row per workload: medians of wall time, of CPU (user+sys, which a loaded machine inflates less) and of
peak RSS, the wall-time ratio hull/ytt, the target and whether it is met.

usage: measure.py HULL YTT RUNS BIG_RUNS BIG_DIR CORPUS [CASE...]
"""
import os
import statistics
import sys
import time

hull, ytt, runs, big_runs, big_dir, corpus = sys.argv[1:7]
only = set(sys.argv[7:])
runs, big_runs = int(runs), int(big_runs)
devnull = os.open(os.devnull, os.O_WRONLY)


def run_once(argv, cwd):
    """Wall seconds, exit code and CPU seconds (user+sys) of one whole process."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.chdir(old)
    return wall, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime


def peak_rss_kb(argv, cwd):
    """Peak RSS (KB) of one whole process, as /usr/bin/time sees it (the peak of the memory runs is their median)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        out = f"/tmp/hull-bench-rss.{os.getpid()}"
        pid = os.posix_spawn("/usr/bin/time", ["/usr/bin/time", "-f", "%M", "-o", out, *argv], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        os.waitpid(pid, 0)
        with open(out) as f:
            kb = int(f.read().split()[-1])
        os.unlink(out)
    finally:
        os.chdir(old)
    return kb


def measure(name, cwd, hull_argv, ytt_argv, n, ratio, rss_mb, abs_ms=None):
    h, y = [], []
    for i in range(n):
        # Alternate which goes first so neither always runs right after the other's cache warm-up.
        pair = [(h, hull_argv), (y, ytt_argv)] if i % 2 == 0 else [(y, ytt_argv), (h, hull_argv)]
        for into, argv in pair:
            into.append(run_once(argv, cwd))
    memory_runs = min(n, 5)
    hr = statistics.median(peak_rss_kb(hull_argv, cwd) for _ in range(memory_runs)) / 1024
    yr = statistics.median(peak_rss_kb(ytt_argv, cwd) for _ in range(memory_runs)) / 1024
    hw = statistics.median(w for w, _, _ in h) * 1000
    yw = statistics.median(w for w, _, _ in y) * 1000
    hc = statistics.median(c for _, _, c in h) * 1000
    yc = statistics.median(c for _, _, c in y) * 1000
    hrc = {c for _, c, _ in h}
    yrc = {c for _, c, _ in y}
    checks = [hw <= ratio * yw, hr <= rss_mb]
    if abs_ms is not None:
        checks.append(hw <= abs_ms)
    target = f"<= {ratio:g}x" + (f", <= {abs_ms:g} ms" if abs_ms is not None else "") + f", <= {rss_mb:g} MB"
    ok = "ok" if all(checks) else "MISSED"
    codes = "" if hrc == yrc else f" (exit hull {sorted(hrc)} ytt {sorted(yrc)})"
    print(f"| {name} | {yw:.1f} ms | {hw:.1f} ms | {hw / yw:.2f} | {yc:.0f} / {hc:.0f} ms | {yr:.1f} MB | {hr:.1f} MB "
          f"| {target} | {ok}{codes} |",
          flush=True)


print(f"load average before: {open('/proc/loadavg').read().split()[:3]}; medians of {runs} alternating runs "
      f"({big_runs} for the 2,000-document render)")
print("| workload | ytt wall | hull wall | hull/ytt | CPU ytt / hull | ytt peak RSS | hull peak RSS | target | met |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
if not only or "version" in only:
    measure("`hull --version` / `ytt version`", ".", [hull, "--version"], [ytt, "version"], runs, 1.0, 20, abs_ms=5)

# The small corpus cases: the tanzu-framework packages ytt renders in under 50 ms (the rest are multi-hundred-KB CRD
# bundles, template evaluation rather than start-up).
with open(os.path.join(corpus, "cases.tsv")) as f:
    cases = [line.rstrip("\n").split("\t") for line in f if line.strip()]
for name, folder, args in cases:
    if not name.startswith("tanzu-framework/") or (only and name not in only):
        continue
    stem = os.path.join(corpus, "expected", name.replace("/", "__"))
    ytt_time = float(open(stem + ".time").read())
    if ytt_time > 0.05:
        continue
    cwd = os.path.join(corpus, folder)
    argv = args.split(" ")
    measure(f"`template {args}` {name.removeprefix('tanzu-framework/')}", cwd, [hull, "template", *argv],
            [ytt, "template", *argv], runs, 0.5, 20)

if big_runs > 0 and (not only or "big" in only):
    measure("`template -f big.yml -f values.yml` 2,000 documents", big_dir,
            [hull, "template", "-f", "big.yml", "-f", "values.yml"],
            [ytt, "template", "-f", "big.yml", "-f", "values.yml"], big_runs, 0.10, 150)
print(f"load average after: {open('/proc/loadavg').read().split()[:3]}")
