#!/usr/bin/env bash
# Whole-process timings of the AOT hull for a package repository of PACKAGES x VERSIONS Package documents:
#   list        = hull package available list --repo REGISTRY/REPO:1
#   release-one = hull repo release -b REGISTRY/REPO:N --from REGISTRY/REPO:1 -f new-version.yml
#   package release --repo = hull package release DIR -b REGISTRY/APP --version V --repo REGISTRY/REPO:p
# Usage: bench/Packaging/repo.sh [PACKAGES] [VERSIONS] [RUNS]   (HULL=path/to/hull, default artifacts/bin/hull)
# Starts its own docker-registry (scripts/lib/registry.sh) and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
packages=${1:-500}
versions=${2:-5}
runs=${3:-5}
hull=${HULL:-artifacts/bin/hull}
. scripts/lib/registry.sh
work=$(mktemp -d)
trap 'stop_registry; rm -rf "$work"' EXIT
start_registry

python3 - "$work/in" "$packages" "$versions" <<'PY'
import os, sys
root, packages, versions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
digest = "sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff"
def package(p, v):
    return f"""apiVersion: data.packaging.carvel.dev/v1alpha1
kind: Package
metadata:
  name: pkg{p}.bench.corp.com.{v}
spec:
  refName: pkg{p}.bench.corp.com
  version: {v}
  releasedAt: "2026-11-30T12:00:00Z"
  valuesSchema:
    openAPIv3:
      type: object
      properties:
        domain: {{type: string, default: "", description: The wildcard domain}}
        replicas: {{type: integer, default: 2}}
  template:
    spec:
      fetch:
      - imgpkgBundle:
          image: registry.corp/bench/pkg{p}@{digest}
      template:
      - ytt: {{paths: [config/]}}
      - kbld: {{paths: ['-', .imgpkg/images.yml]}}
      deploy:
      - kapp: {{}}
"""
for p in range(packages):
    d = os.path.join(root, f"pkg{p}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "metadata.yml"), "w") as f:
        f.write(f"apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: PackageMetadata\nmetadata:\n  name: pkg{p}.bench.corp.com\nspec:\n  displayName: Package {p}\n")
    for v in range(versions):
        with open(os.path.join(d, f"1.{v}.0.yml"), "w") as f:
            f.write(package(p, f"1.{v}.0"))
for r in range(100):
    with open(os.path.join(os.path.dirname(root), f"new-{r}.yml"), "w") as f:
        f.write(package(0, f"2.{r}.0"))
PY

repo="$HULL_TEST_REGISTRY/bench-repo-$RANDOM$RANDOM"
TIMEFORMAT='%R'
echo "load before: $(cat /proc/loadavg)"
t=$( { time "$hull" repo release -b "$repo:1" -f "$work/in" >/dev/null 2>&1; } 2>&1 )
echo "initial release ($((packages * versions)) versions): ${t}s"
for i in $(seq 1 "$runs"); do
  t=$( { time "$hull" package available list --repo "$repo:1" >"$work/list.txt" 2>&1; } 2>&1 )
  echo "list run $i: ${t}s ($(($(wc -l <"$work/list.txt") - 1)) packages)"
done
for i in $(seq 1 "$runs"); do
  t=$( { time "$hull" repo release -b "$repo:r$i" --from "$repo:1" -f "$work/new-$i.yml" >/dev/null 2>&1; } 2>&1 )
  echo "release-one run $i: ${t}s"
done
# hull package release --repo: lock images, push a templated package's bundle, add the version to the repository
# and push it again (the whole author's release into a repository of PACKAGES x VERSIONS).
HULL_CONFIG_DIR=$work/config "$hull" package init app.bench.corp.com --dir "$work/app" >/dev/null
"$hull" repo release -b "$repo:p" --from "$repo:1" >/dev/null 2>&1
for i in $(seq 1 "$runs"); do
  t=$( { time "$hull" package release "$work/app" -b "$HULL_TEST_REGISTRY/bench-app" --version "1.0.$i" --repo "$repo:p" >/dev/null 2>"$work/release.log"; } 2>&1 ) || { cat "$work/release.log"; exit 1; }
  echo "package release --repo run $i: ${t}s"
done
echo "load after: $(cat /proc/loadavg)"
