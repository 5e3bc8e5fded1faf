#!/usr/bin/env bash
# Times `hull bundle copy` repo->repo, repo->tar and tar->repo on image-workload.py images (issue 7's benchmark).
# usage: bench/Bundles/bundle-copy.sh IMAGES LAYERS LAYER_KIB [RUNS]
# Needs HULL_TEST_REGISTRY (source scripts/lib/registry.sh; start_registry), skopeo, and HULL (default artifacts/bin/hull).
# Every run copies to a fresh destination repository, so nothing is skipped; prints "what median_s peak_rss_kb".
set -euo pipefail
cd "$(dirname "$0")/../.."
images=${1:-10} layers=${2:-3} kib=${3:-2048} runs=${4:-3}
hull=${HULL:-artifacts/bin/hull}
reg=${HULL_TEST_REGISTRY:?start a registry first}
work=$(mktemp -d /tmp/hull-bench-bundles.XXXXXX)
trap 'rm -rf "$work"' EXIT
ns="bench-$images-$layers-$kib-$RANDOM"
python3 ../shared/bench/image-workload.py "$images" "$layers" "$kib" "$work/wl" "$reg/$ns" >/dev/null
for i in $(seq 0 $((images - 1))); do
  skopeo copy -q --dest-tls-verify=false "oci:$work/wl/layout:img-$i" "docker://$reg/$ns/img-$i:latest"
done
"$hull" bundle push -b "$reg/$ns/bundle:v1" -f "$work/wl/bundle" >/dev/null

measure() { # name command...: runs it $runs times, prints the median wall time and the max RSS
  local name=$1; shift
  local times=() rss=0
  for r in $(seq 1 "$runs"); do
    local cmd=("${@//@RUN@/$r}")
    /usr/bin/time -f '%e %M' -o "$work/time" "${cmd[@]}" >/dev/null
    read -r t m < "$work/time"
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name $median ${rss} (runs: ${times[*]})"
}
measure repo-to-repo "$hull" bundle copy -b "$reg/$ns/bundle:v1" --to-repo "$reg/$ns-copy-@RUN@/bundle"
measure repo-to-tar "$hull" bundle copy -b "$reg/$ns/bundle:v1" --to-tar "$work/bundle-@RUN@.tar"
measure tar-to-repo "$hull" bundle copy --tar "$work/bundle-1.tar" --to-repo "$reg/$ns-fromtar-@RUN@/bundle"
measure second-copy-repo-to-repo "$hull" bundle copy -b "$reg/$ns/bundle:v1" --to-repo "$reg/$ns-copy-1/bundle"
ls -la "$work/bundle-1.tar" | awk '{print "tar bytes", $5}'
