#!/usr/bin/env bash
# Whole-process timings of the four Starlark workloads: median wall time, median CPU (user+sys) and peak RSS
# over N runs of a published harness. Usage: measure.sh PATH_TO_HARNESS [RUNS]
#   AOT:  dotnet publish bench/Hull.Starlark.Benchmarks -c Release -r linux-x64 -p:PublishAot=true -o /tmp/starbench-aot
#         bench/Hull.Starlark.Benchmarks/measure.sh /tmp/starbench-aot/Hull.Starlark.Benchmarks 5
#   JIT:  bench/Hull.Starlark.Benchmarks/measure.sh "dotnet bench/Hull.Starlark.Benchmarks/bin/Release/net10.0/Hull.Starlark.Benchmarks.dll" 5
set -euo pipefail
harness=$1
runs=${2:-5}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in fib loop fmt dicts; do
  walls=(); cpus=(); rss=()
  for ((i = 0; i < runs; i++)); do
    out=$( { /usr/bin/time -f '%e %U %S %M' $harness "$w" >/dev/null; } 2>&1 | tail -1)
    read -r e u s m <<<"$out"
    walls+=("$e"); cpus+=("$(echo "$u + $s" | bc)"); rss+=("$m")
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '%-6s wall %ss  cpu %ss  peak RSS %s KB  (runs: %s)\n' "$w" "$(med "${walls[@]}")" "$(med "${cpus[@]}")" "$(med "${rss[@]}")" "${walls[*]}"
done
