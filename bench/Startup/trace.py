#!/usr/bin/env python3
"""Median phase times of one hull command from its in-process trace (HULL_TRACE, see src/Hull.Cli/PhaseTrace.cs).

The spawn time goes to hull in HULL_TRACE, so the first phase is runtime start-up up to Main; the last row, exit, is
from the last phase's end to the process's end as wait4 sees it.

usage: trace.py RUNS CWD HULL ARGS...
"""
import os
import statistics
import sys
import time

runs, cwd, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
devnull = os.open(os.devnull, os.O_WRONLY)
phases = {}
order = []
os.chdir(cwd)
for _ in range(runs):
    r, w = os.pipe()
    env = dict(os.environ)
    start = time.monotonic_ns()
    env["HULL_TRACE"] = str(start)
    pid = os.posix_spawn(argv[0], argv, env, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, w, 2), (os.POSIX_SPAWN_CLOSE, r)])
    os.close(w)
    _, status, _ = os.wait4(pid, 0)
    end = time.monotonic_ns()
    with os.fdopen(r) as f:
        err = f.read()
    traced = 0.0
    for line in err.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "hull-trace":
            name, ms = parts[1].replace("_", " "), float(parts[2])
            if name not in phases:
                phases[name] = []
                order.append(name)
            phases[name].append(ms)
            traced += ms
    for name, ms in (("exit", (end - start) / 1e6 - traced), ("total", (end - start) / 1e6)):
        if name not in phases:
            phases[name] = []
        phases[name].append(ms)
for name in order + ["exit", "total"]:
    print(f"| {name} | {statistics.median(phases[name]):.2f} ms |")
