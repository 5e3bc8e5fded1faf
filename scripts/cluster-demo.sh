#!/usr/bin/env bash
# Workflow 2 (the guide's opinionated package) in a real cluster: starts a registry on 127.0.0.1, releases the guide's
# packages into it with examples/opinionated-install/run.sh, adds the repository to the cluster that
# ../shared/cluster/start RUN_DIR runs (kube-apiserver and the real kapp-controller) and installs the metapackage
# there with the guide's values, waiting until every PackageInstall is `Reconcile succeeded`; each step printed as typed.
# Usage: scripts/cluster-demo.sh RUN_DIR   (HULL: the hull binary, default artifacts/bin/hull from scripts/publish.sh)
# The registry stops when the script ends (later reconciles of these packages then fail to fetch). The guide's
# namespace my-package-certs belongs to its installation: delete it (hull package installed delete) before a rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] && [ -f "$1/kubeconfig" ] || { echo "usage: scripts/cluster-demo.sh RUN_DIR (a cluster started with ../shared/cluster/start RUN_DIR)" >&2; exit 2; }
export KUBECONFIG
KUBECONFIG=$(realpath "$1")/kubeconfig
hull_bin=$(realpath "${HULL:-artifacts/bin/hull}")
. scripts/lib/apt.sh
. scripts/lib/registry.sh
need_packages docker-registry
work=$(mktemp -d)
trap 'stop_registry; rm -rf "$work"' EXIT
start_registry
HULL=$hull_bin examples/opinionated-install/run.sh --registry "$HULL_TEST_REGISTRY" --path demo --work "$work/release" >"$work/release.log" 2>&1 \
  || { cat "$work/release.log"; exit 1; }
hull() { "$hull_bin" "$@"; }
run() { printf '\n$ %s\n' "$*"; "$@"; }
ns=guide-$(date +%H%M%S)
run kubectl create namespace "$ns"
run hull repo add guide "$HULL_TEST_REGISTRY/demo/my-opinionated-repo:1.0.0" --target kapp-controller -n "$ns" --wait
run hull package install my-package -p my-package.my-opinionated.com -v 0.0.1 -f examples/opinionated-install/my-package-config.yaml \
  --target kapp-controller -n "$ns" --wait --wait-timeout 5m
run hull package installed list --target kapp-controller -n "$ns"
run kubectl get issuer wildcard-lets-encrypt -n my-package-certs -o jsonpath='{.spec.acme.email}{"\n"}'
