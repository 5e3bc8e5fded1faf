#!/usr/bin/env bash
# Time from install to every `Reconcile succeeded` in a real cluster (../shared/cluster: kube-apiserver and the real
# kapp-controller v0.45.0), with kapp-controller running the reference ytt/kbld/imgpkg and with CARVEL_TOOLS=hull:
#   repository = hull repo add NAME REPO --target kapp-controller --wait   (a repository of PACKAGES packages)
#   guide      = hull package install my-package ... --target kapp-controller --wait   (Workflow 2's metapackage:
#                the root and its four children, each Reconcile succeeded), then deleted before the next run
# Usage: bench/Cluster/reconcile.sh [RUNS] [PACKAGES]   (HULL=path/to/hull, default artifacts/bin/hull: the AOT binary)
# Starts its own registry and both clusters, and stops them on exit. Prints each run and the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
packages=${2:-50}
hull=$(realpath "${HULL:-artifacts/bin/hull}")
cluster=${HULL_CLUSTER_SCRIPTS:-$(cd .. && pwd)/shared/cluster}
. scripts/lib/registry.sh
work=$(mktemp -d /tmp/hull-bench-cluster.XXXXXX)
cleanup() {
  for d in "$work/reference" "$work/hull"; do [ -d "$d" ] && "$cluster/stop" "$d" >/dev/null 2>&1; done
  stop_registry
  rm -rf "$work"
}
trap cleanup EXIT
start_registry
"$cluster/start" "$work/reference" >"$work/reference.log" 2>&1 & ref_pid=$!
CARVEL_TOOLS=$hull "$cluster/start" "$work/hull" >"$work/hull.log" 2>&1 & hull_pid=$!

# The guide's repository (released by the example itself) and a repository of PACKAGES packages.
HULL=$hull examples/opinionated-install/run.sh --registry "$HULL_TEST_REGISTRY" --path bench/guide --work "$work/guide" >"$work/guide.log" 2>&1
guide=$HULL_TEST_REGISTRY/bench/guide/my-opinionated-repo:1.0.0
python3 - "$work/packages" "$packages" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
os.makedirs(root)
for p in range(count):
    with open(os.path.join(root, f"pkg{p}.yml"), "w") as f:
        f.write(f"""apiVersion: data.packaging.carvel.dev/v1alpha1
kind: PackageMetadata
metadata:
  name: pkg{p}.bench.corp.com
spec:
  displayName: Package {p}
---
apiVersion: data.packaging.carvel.dev/v1alpha1
kind: Package
metadata:
  name: pkg{p}.bench.corp.com.1.0.0
spec:
  refName: pkg{p}.bench.corp.com
  version: 1.0.0
  releasedAt: "2026-12-01T12:00:00Z"
  valuesSchema:
    openAPIv3:
      type: object
      properties:
        replicas: {{type: integer, default: 2}}
  template:
    spec:
      fetch:
      - imgpkgBundle:
          image: registry.corp/bench/pkg{p}@sha256:{p:064x}
      template:
      - ytt: {{paths: [config/]}}
      - kbld: {{paths: ['-', .imgpkg/images.yml]}}
      deploy:
      - kapp: {{}}
""")
PY
repo=$HULL_TEST_REGISTRY/bench/repo$packages:1
"$hull" repo release -b "$repo" -f "$work/packages" >/dev/null 2>&1
wait "$ref_pid" || { cat "$work/reference.log"; exit 1; }
wait "$hull_pid" || { cat "$work/hull.log"; exit 1; }

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "load before: $(cat /proc/loadavg)"
for tools in reference hull; do
  export KUBECONFIG=$work/$tools/kubeconfig
  : >"$work/repo-$tools.times"; : >"$work/guide-$tools.times"
  for i in $(seq 1 "$runs"); do
    kubectl create namespace "r$i" >/dev/null
    t0=$(now)
    "$hull" repo add "repo$packages" "$repo" --target kapp-controller -n "r$i" --wait --wait-timeout 5m >/dev/null
    t=$(echo "$(now) - $t0" | bc)
    [ "$(kubectl get packages -n "r$i" --no-headers | wc -l)" -eq "$packages" ] || { echo "repository r$i: not $packages packages" >&2; exit 1; }
    echo "$t" >>"$work/repo-$tools.times"
    kubectl create namespace "g$i" >/dev/null
    "$hull" repo add guide "$guide" --target kapp-controller -n "g$i" --wait >/dev/null
    t0=$(now)
    "$hull" package install my-package -p my-package.my-opinionated.com -v 0.0.1 -f examples/opinionated-install/my-package-config.yaml \
      --target kapp-controller -n "g$i" --wait --wait-timeout 5m >"$work/install.log" || { cat "$work/install.log"; exit 1; }
    g=$(echo "$(now) - $t0" | bc)
    echo "$g" >>"$work/guide-$tools.times"
    printf '%-9s run %d: repository of %d packages %.2f s, guide metapackage (5 installs) %.2f s\n' "$tools" "$i" "$packages" "$t" "$g"
    "$hull" package installed delete my-package --target kapp-controller -n "g$i" >/dev/null
  done
done
echo "load after: $(cat /proc/loadavg)"
for tools in reference hull; do
  printf 'median %-9s: repository %.2f s, guide %.2f s\n' "$tools" "$(median <"$work/repo-$tools.times")" "$(median <"$work/guide-$tools.times")"
done
