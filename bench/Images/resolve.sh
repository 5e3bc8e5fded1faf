#!/usr/bin/env bash
# Times `hull resolve` (kbld) on DOCS documents referencing IMAGES distinct images in the local registry (issue 8).
# usage: bench/Images/resolve.sh [DOCS] [IMAGES] [RUNS]
# Needs HULL_TEST_REGISTRY (source scripts/lib/registry.sh; start_registry), skopeo, and HULL (default artifacts/bin/hull).
# Pushes IMAGES small distinct images (image-workload.py, one 1 KiB layer each) as REG/NS/img-K:v1, writes DOCS
# Deployments (two containers each: images img-(d mod IMAGES) and img-((d+7) mod IMAGES)), then prints
# "what median_s peak_rss_kb (runs: ...; cpu: ...)" for: the full resolve with --imgpkg-lock-output, and --unresolved-inspect
# (reading and searching only, no registry).
set -euo pipefail
cd "$(dirname "$0")/../.."
docs=${1:-2000} images=${2:-200} runs=${3:-5}
hull=${HULL:-artifacts/bin/hull}
reg=${HULL_TEST_REGISTRY:?start a registry first}
work=$(mktemp -d /tmp/hull-bench-images.XXXXXX)
trap 'rm -rf "$work"' EXIT
ns="bench-resolve-$images-$RANDOM"
python3 ../shared/bench/image-workload.py "$images" 1 1 "$work/wl" "$reg/$ns" >/dev/null
seq 0 $((images - 1)) | xargs -P 4 -I{} skopeo copy -q --dest-tls-verify=false "oci:$work/wl/layout:img-{}" "docker://$reg/$ns/img-{}:v1"
python3 - "$docs" "$images" "$reg/$ns" > "$work/docs.yml" <<'PY'
import sys
docs, images, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for d in range(docs):
    print(f"""---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{d}
  namespace: bench
  labels: {{app: app-{d}, tier: backend}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: app-{d}}}
  template:
    metadata:
      labels: {{app: app-{d}}}
    spec:
      containers:
      - name: app
        image: {prefix}/img-{d % images}:v1
        args: ["--port", "8080", "--verbose"]
        ports:
        - containerPort: 8080
        env:
        - {{name: MODE, value: production}}
        resources:
          limits: {{cpu: 500m, memory: 256Mi}}
      - name: sidecar
        image: {prefix}/img-{(d + 7) % images}:v1""")
PY

measure() { # name command...: runs it $runs times, prints the median wall time and the max RSS
  local name=$1; shift
  local times=() cpus=() rss=0
  for r in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" > "$work/out.yml"
    read -r t m u s < "$work/time"
    times+=("$t"); cpus+=("$(awk "BEGIN {print $u + $s}")"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name $median ${rss} (runs: ${times[*]}; cpu user+sys: ${cpus[*]})"
}
echo "loadavg before: $(cat /proc/loadavg)"
measure resolve "$hull" resolve -f "$work/docs.yml" --imgpkg-lock-output "$work/images.yml"
echo "documents out: $(grep -c '^---$' "$work/out.yml"), images locked: $(grep -c '^- annotations:' "$work/images.yml")"
measure unresolved-inspect "$hull" resolve -f "$work/docs.yml" --unresolved-inspect
echo "loadavg after: $(cat /proc/loadavg)"
