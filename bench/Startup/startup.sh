#!/usr/bin/env bash
# Start-up and small renders against the real ytt (issue 16): `hull --version` vs `ytt version`, `hull template` on
# the small tanzu-framework cases of ../shared/corpus, and the 2,000-document template workload; medians of RUNS
# alternating whole-process runs, peak RSS, the ratio to ytt and the issue's targets.
# usage: bench/Startup/startup.sh [RUNS] [BIG_RUNS] [CASE...]   (defaults 20 20; BIG_RUNS 0 skips the big render;
#        CASE: `version`, `big` or a corpus case name such as tanzu-framework/tanzu-auth)
# HULL: the binary to measure (default artifacts/bin/hull, from scripts/publish.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20} big_runs=${2:-20}
shift $(( $# < 2 ? $# : 2 ))
hull=$(realpath "${HULL:-artifacts/bin/hull}")
ytt="$(../shared/reference/install)/ytt"
work=$(mktemp -d /tmp/hull-bench-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 ../shared/bench/template-workload.py 2000 "$work/big" >/dev/null
echo "hull: $hull ($("$hull" --version)); ytt: $("$ytt" version | head -1)"
python3 bench/Startup/measure.py "$hull" "$ytt" "$runs" "$big_runs" "$work/big" "$(realpath ../shared/corpus)" "$@"
