#!/usr/bin/env bash
# Runs every test: installs the real components the integration tests use (docker-registry, skopeo),
# starts a registry on 127.0.0.1 and the two test clusters (kapp-controller with the reference tools and with
# Hull as its ytt/kbld/imgpkg; they start while the solution builds), runs the xunit projects, stops them all.
# The last line is "N passed, M failed", summed from the test results.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/apt.sh
. scripts/lib/registry.sh
. scripts/lib/cluster.sh
need_packages docker-registry skopeo clang zlib1g-dev || { echo "0 passed, 1 failed"; exit 1; }

# The tests start hull's JIT build hundreds of times (CLI tests, the examples' scripts, kapp-controller's ytt and kbld
# in the Hull-tools cluster): without tiered PGO's instrumentation each start is about 20% cheaper and the test
# phase 95 s -> 69 s (docs/benchmarks.md). Exported before the clusters start so kapp-controller's hull inherits it.
export DOTNET_TieredPGO=0

results=$(mktemp -d /tmp/hull-results.XXXXXX)
trap 'stop_clusters; stop_registry; rm -rf "$results"' EXIT
start_registry || { echo "0 passed, 1 failed"; exit 1; }
start_clusters

dotnet build Hull.sln -c Release --nologo -v quiet
build=$?
wait_clusters
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test Hull.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; files=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$f")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
done
# A crashed test host leaves no results: count it as a failure rather than report green.
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
[ $files -gt 0 ] || failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
