#!/usr/bin/env bash
# Whole-process timings of `hull package install` for a metapackage of N packages into a dir: target.
#   Each of the N packages is a templated package (data values schema, two templated resources) released with
#   `hull package release`; the metapackage renders N PackageInstalls, each with a values Secret.
#   cold = first install (bundles fetched from the registry into the bundle cache);
#   warm = the same install into a fresh target with the bundle cache filled (the benchmark target: < 3 s for 50).
# Usage: bench/Packaging/install.sh [N] [RUNS]   (HULL=path/to/hull, default artifacts/bin/hull)
# Starts its own docker-registry (scripts/lib/registry.sh) and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-50}
runs=${2:-5}
hull=${HULL:-artifacts/bin/hull}
hull=$(realpath "$hull")
. scripts/lib/registry.sh
work=$(mktemp -d)
trap 'stop_registry; rm -rf "$work"' EXIT
start_registry
export HULL_CONFIG_DIR=$work/config HULL_CACHE_DIR=$work/cache
reg=$HULL_TEST_REGISTRY
cd "$work"

package() { # folder refName
  mkdir -p "$1/config" "$1/.imgpkg"
  printf 'apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: PackageMetadata\nmetadata:\n  name: %s\nspec:\n  displayName: %s\n' "$2" "$1" > "$1/package-metadata.yml"
  printf 'apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: Package\nmetadata:\n  name: %s.0.0.0\nspec:\n  refName: %s\n  version: 0.0.0\n  template:\n    spec:\n      fetch:\n      - imgpkgBundle: {}\n      template:\n      - ytt:\n          paths:\n          - config/\n      - kbld:\n          paths:\n          - "-"\n          - .imgpkg/images.yml\n      deploy:\n      - kapp: {}\n' "$2" "$2" > "$1/package.yml"
}
for i in $(seq 1 "$n"); do
  package "p$i" "p$i.bench.corp.com"
  cat > "p$i/config/values.yml" <<EOF
#@data/values-schema
---
replicas: 1
domain: example.com
EOF
  cat > "p$i/config/app.yml" <<EOF
#@ load("@ytt:data", "data")
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: p$i
  namespace: bench
data:
  domain: #@ data.values.domain
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: p$i
  namespace: bench
spec:
  replicas: #@ data.values.replicas
EOF
  "$hull" package release "p$i" -b "$reg/bench/p$i" --version 1.0.0 --repository-dir repo >/dev/null 2>&1
done
package meta meta.bench.corp.com
{
  echo '#@data/values-schema'; echo '---'; echo 'domain: example.com'
} > meta/config/values.yml
{
  echo '#@ load("@ytt:data", "data")'
  echo '#@ load("@ytt:yaml", "yaml")'
  echo "#@ for i in range(1, $((n + 1))):"
  cat <<'EOF'
---
apiVersion: packaging.carvel.dev/v1alpha1
kind: PackageInstall
metadata:
  name: #@ "p{}".format(i)
spec:
  packageRef:
    refName: #@ "p{}.bench.corp.com".format(i)
    versionSelection:
      constraints: 1.0.0
  serviceAccountName: meta-default-sa
  values:
  - secretRef:
      name: #@ "p{}-values".format(i)
---
apiVersion: v1
kind: Secret
metadata:
  name: #@ "p{}-values".format(i)
stringData:
  values.yml: #@ yaml.encode({"domain": data.values.domain, "replicas": i})
#@ end
EOF
} > meta/config/installs.yml
"$hull" package release meta -b "$reg/bench/meta" --version 1.0.0 --repository-dir repo >/dev/null 2>&1
"$hull" repo release -b "$reg/bench/repo:1" -f repo/packages >/dev/null 2>&1
"$hull" repo add bench "$reg/bench/repo:1" >/dev/null
printf 'domain: bench.example.com\n' > values.yml

echo "load: $(cat /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  [ "$run" = 1 ] && label=cold || label=warm
  rm -rf "target$run"
  start=$(date +%s.%N)
  "$hull" package install meta -p meta.bench.corp.com -v 1.0.0 -f values.yml --target "dir:target$run" > "install$run.log"
  end=$(date +%s.%N)
  ok=$(grep -c 'Reconcile succeeded' "install$run.log" || true)
  files=$(find "target$run" -name '*.yml' -not -path '*/.hull/*' | wc -l)
  printf '%s run %d: %.2f s, %d installations succeeded, %d files\n' "$label" "$run" "$(echo "$end - $start" | bc)" "$ok" "$files"
done
echo "load: $(cat /proc/loadavg)"
