#!/usr/bin/env bash
# Workflow 2: the opinionated installation package (see README.md beside this script), the guide step for step.
#   my-opinionated-config (namespace, Issuer, Certificate, TLS delegation, AWS credentials) and my-opinionated-package
#   (PackageInstalls of contour, cert-manager, external-dns and my-opinionated-config, with their values Secrets) are
#   released with stand-ins for contour 1.17.1, cert-manager 1.5.1 and external-dns 0.8.0 into one repository, then
#   installed with my-package-config.yaml into a dir: target.
# Usage: run.sh [--registry HOST[:PORT] [--path PATH]] [--work DIR]
#   default: the embedded store (OCI layout folders under WORK/store, no registry, no cluster)
#   --registry: everything goes under HOST/PATH (default PATH: hull-opinionated/<UTC time>, fresh on each run because
#   released versions are immutable)
#   HULL (path of the hull binary; default: hull on PATH, else artifacts/bin/hull of this repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
help_lines=2,11
. "$here/../lib/prelude.sh"
rm -rf packages store target config cache my-package-config.yaml
cp -r "$here/packages" "$here/my-package-config.yaml" .

step() { printf '\n## %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# As run, showing only the outcome lines (pushes list every file; releases print the Package they wrote).
runq() {
  local out
  printf '$ %s\n' "$*"
  out=$("$@" 2>&1) || { printf '%s\n' "$out"; return 1; }
  printf '%s\n' "$out" | grep -E "^(Pushed|Succeeded|Wrote|Pulled)" || true
}

# The guide pushes to ttl.sh; here a registry path fresh on each run, or OCI layout folders under ./store.
if [ -n "$registry" ]; then
  store=$registry/${path:-hull-opinionated/$(date -u +%Y%m%d-%H%M%S)}
  printf 'Store: %s\n' "$store"
else
  store=oci:store
fi
repo=$store/my-opinionated-repo:1.0.0

step "1. my-opinionated-config: the additional resources (additions), made configurable (overlays, values)"
run find packages/my-opinionated-config/config -type f
run cat packages/my-opinionated-config/config/values.yaml
printf '$ cd packages/my-opinionated-config && hull template -f config -f sample-values.yaml\n'
(cd packages/my-opinionated-config && hull template -f config -f sample-values.yaml) | grep -E '^(kind|  name|  namespace|    email|        region|  - )' || true

step "2. my-opinionated-package: the four PackageInstalls and their values Secrets, filled by overlays (yaml.encode)"
run find packages/my-opinionated-package/config -type f
run cat packages/my-opinionated-package/config/overlays/overlay-contour-config.yaml
printf '$ cd packages/my-opinionated-package && hull template -f config --data-values-file ../../my-package-config.yaml\n'
(cd packages/my-opinionated-package && hull template -f config --data-values-file ../../my-package-config.yaml) | grep -E '^(kind|  name|    refName)' || true

step "3. Release the packages it installs (stand-ins for contour 1.17.1, cert-manager 1.5.1, external-dns 0.8.0) into a repository"
runq hull package release packages/cert-manager -b "$store/cert-manager:1.5.1" --version 1.5.1 --repo "$repo"
runq hull package release packages/contour -b "$store/contour:1.17.1" --version 1.17.1 --repo "$repo"
runq hull package release packages/external-dns -b "$store/external-dns:0.8.0" --version 0.8.0 --repo "$repo"

step "4. Release my-opinionated-config and my-opinionated-package (version 0.0.1) into the same repository"
runq hull package release packages/my-opinionated-config -b "$store/my-opinionated-config:0.0.1" --version 0.0.1 --repo "$repo"
runq hull package release packages/my-opinionated-package -b "$store/my-opinionated-package:0.0.1" --version 0.0.1 --repo "$repo"

step "5. Add the repository (tanzu package repository add)"
run hull repo add my-opinionated-repo "$repo"
run hull package available list -r my-opinionated-repo
run hull package tree my-package.my-opinionated.com/0.0.1 -r my-opinionated-repo --values-file my-package-config.yaml

step "6. Install the opinionated package with your values (tanzu package install my-package ... -f my-package-config.yaml)"
run cat my-package-config.yaml
run hull package install my-package -p my-package.my-opinionated.com -v 0.0.1 -f my-package-config.yaml \
  -r my-opinionated-repo --target dir:target --wait --wait-timeout 2m

step "7. What was installed"
run find target -path target/.hull -prune -o -type f -print
run grep -rh -e 'email:' -e 'region:' -e 'example.com' target/default/my-opinionated-config
run hull package installed list --target dir:target
