#!/usr/bin/env bash
# Workflow 1: packages like Linux distributions ship them (see README.md beside this script).
#   Two services (hello, echo), each in a dev and a prod flavour, released into a dev and a prod channel; a dev and a
#   prod metapackage pin exact versions; each channel is signed with its own key and the prod machine trusts only the
#   prod key; the prod metapackage is installed into a dir: target, then a new integration is released and installed
#   as an upgrade.
# Usage: run.sh [--registry HOST[:PORT] [--path PATH]] [--work DIR]
#   default: the embedded store (OCI layout folders under WORK/store, no registry, no cluster)
#   --registry: everything goes under HOST/PATH (default PATH: hull-example/<UTC time>, fresh on each run because
#   released versions are immutable: a second run into the same PATH would release 1.0.0 again, differently)
#   HULL (path of the hull binary; default: hull on PATH, else artifacts/bin/hull of this repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
help_lines=2,10
. "$here/../lib/prelude.sh"
rm -rf services packages store target config cache audit keys
cp -r "$here/services" "$here/packages" .

step() { printf '\n## %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# As run, showing only the outcome lines (pushes list every file; releases print the Package they wrote).
runq() {
  local out
  printf '$ %s\n' "$*"
  out=$("$@" 2>&1) || { printf '%s\n' "$out"; return 1; }
  printf '%s\n' "$out" | grep -E "^(Pushed|Succeeded|Wrote|Pulled)" || true
}

# One repository per service holds its images and its packages' bundles (tags 1.0.0, prod-1.0.0, dev-1.0.0), as
# `imgpkg copy` would lay them out: a bundle's repository hosts its images, so installs find them there.
if [ -n "$registry" ]; then
  store=$registry/${path:-hull-example/$(date -u +%Y%m%d-%H%M%S)}
  printf 'Store: %s\n' "$store"
else
  store=oci:store
fi
images=$store
bundles=$store
channels=$store/channels  # repository bundles (the channels), tag stable

# Pushes a service folder as an image; prints the reference the package configuration uses. On a registry the
# tag (kbld locks it to its digest at release); in the embedded store the digest under the seed's registry name,
# because an image lock holds registry references only.
push_image() { # service version
  local out ref
  printf '$ hull bundle push -i %s -f services/%s/%s\n' "$images/$1:$2" "$1" "$2" >&2
  out=$(hull bundle push -i "$images/$1:$2" -f "services/$1/$2" 2>&1)
  printf '%s\n' "$out" | grep -E "^(Pushed|Succeeded)" >&2
  if [ -n "$registry" ]; then
    echo "$images/$1:$2"
  else
    ref=$(printf '%s\n' "$out" | sed -n "s/^Pushed '\(.*\)'$/\1/p")
    echo "example.registry.fake/$1@${ref##*@}"
  fi
}

set_image() { # package-folder image
  printf '$ sed -i "s|image: .*|image: %s|" %s/config/deployment.yml\n' "$2" "$1"
  sed -i "s|image: .*|image: $2|" "$1/config/deployment.yml"
}

step "1. The services: each a small folder pushed as an image (no Docker needed)"
hello_image=$(push_image hello 1.0.0)
echo_image=$(push_image echo 1.0.0)

step "2. Each service in a dev and a prod flavour (the image + a ConfigMap with mode), each its own package"
for mode in dev prod; do
  set_image "packages/hello-$mode" "$hello_image"
  set_image "packages/echo-$mode" "$echo_image"
done
run cat packages/hello-prod/config/configmap.yml

step "3. Release every flavour into its own channel (dev and prod are two repositories), each signed with its own key"
run hull key generate keys/dev
run hull key generate keys/prod
for mode in dev prod; do
  for svc in hello echo; do
    runq hull package release "packages/$svc-$mode" -b "$bundles/$svc:$mode-1.0.0" --version 1.0.0 --repo "$channels/$mode:stable" --sign "keys/$mode.key"
  done
done

step "4. The metapackages: a tested integration, pinning exact versions of its channel's packages"
run grep -B3 constraints packages/platform-prod/config/installs.yml
for mode in dev prod; do
  runq hull package release "packages/platform-$mode" -b "$bundles/platform:$mode-1.0.0" --version 1.0.0 --repo "$channels/$mode:stable" --sign "keys/$mode.key"
done

step "5. A prod machine reads the prod channel only, and trusts only the prod key (like apt's signed-by)"
run hull repo add prod "$channels/prod:stable" --trust keys/prod.pub
run hull repo add dev "$channels/dev:stable" --trust keys/dev.pub
run hull repo list
run hull package available list -r prod
run hull package available list -r dev
run hull package tree platform.prod.example.com/1.0.0 -r prod

step "5b. A dev package cannot come in through the prod channel: dev content where prod looks fails verification"
# A mirror of the prod channel that holds the dev channel instead (a mistake, or an attacker): the copy carries the
# dev signature along, which the prod key does not verify, so nothing of it is read, let alone installed.
runq hull bundle copy -b "$channels/dev:stable" --to-repo "$store/mirror/channels"
run hull repo add prod-mirror "$store/mirror/channels:stable" --trust keys/prod.pub
printf '$ hull package install hello -p hello.dev.example.com -v 1.0.0 -r prod-mirror --target dir:target\n'
if hull package install hello -p hello.dev.example.com -v 1.0.0 -r prod-mirror --target dir:target 2> refused.txt; then
  echo "FAIL: a dev package was installed through a channel that trusts the prod key only"; exit 1
fi
cat refused.txt
grep -q "signed by an untrusted key" refused.txt
run hull repo remove prod-mirror

step "6. Install the prod integration into a directory target"
run hull package install platform -p platform.prod.example.com -v 1.0.0 -r prod --target dir:target
run hull package installed list --target dir:target
mkdir -p audit
cp -r target audit/1.0.0

step "7. A new integration: hello 1.1.0 in prod, echo unchanged"
hello_image=$(push_image hello 1.1.0)
set_image packages/hello-prod "$hello_image"
runq hull package release packages/hello-prod -b "$bundles/hello:prod-1.1.0" --version 1.1.0 --repo "$channels/prod:stable" --sign keys/prod.key
printf '$ edit packages/platform-prod/config/installs.yml   # hello: constraints: 1.1.0\n'
sed -i '/refName: hello.prod.example.com/,/constraints:/s/constraints: 1.0.0/constraints: 1.1.0/' \
  packages/platform-prod/config/installs.yml
runq hull package release packages/platform-prod -b "$bundles/platform:prod-1.1.0" --version 1.1.0 --repo "$channels/prod:stable" --sign keys/prod.key
run hull package available list hello.prod.example.com -r prod

step "8. Audit the release before it ships: what it holds, what changed, and the same with ordinary tools"
run hull package show hello.prod.example.com/1.1.0 -r prod
run hull package diff platform.prod.example.com/1.0.0 1.1.0 -r prod
runq hull bundle pull -b "$bundles/platform:prod-1.0.0" -o audit/platform-1.0.0
runq hull bundle pull -b "$bundles/platform:prod-1.1.0" -o audit/platform-1.1.0
run diff -r audit/platform-1.0.0/config audit/platform-1.1.0/config || true

step "9. Upgrade: the metapackage moves to 1.1.0; only what changed is redeployed"
run hull package installed update platform -v 1.1.0 -r prod --target dir:target
run diff -r audit/1.0.0 target -x .hull || true

step "10. The installed tree"
run hull package installed list --target dir:target
run find target -path target/.hull -prune -o -type f -print
audit() {
  local fail=0 f
  printf 'channel prod: %s\n' "$(hull package available list -r prod | awk 'NR>1{print $1}' | sort | tr '\n' ' ')"
  printf 'channel prod verified with: %s\n' "$(hull repo list | awk '$1=="prod"{print $4}')"
  if [ "$(hull repo list | awk '$1=="prod"{print $4}')" = no ]; then echo "  FAIL: the prod channel is not verified"; fail=1; fi
  if ! grep -q "signed by an untrusted key" refused.txt; then echo "  FAIL: a dev package came in through the prod channel"; fail=1; fi
  if hull package available list -r prod | grep -q '\.dev\.'; then echo "  FAIL: dev packages in the prod channel"; fail=1; fi
  for f in $(find target -path target/.hull -prune -o -name '*.yml' -print | sort); do
    if grep -q '^kind: ConfigMap' "$f"; then
      printf '%-60s mode=%s\n' "$f" "$(sed -n 's/^ *mode: *//p' "$f")"
      grep -q 'mode: "\{0,1\}prod' "$f" || { echo "  FAIL: mode is not prod"; fail=1; }
    fi
    if grep -q 'image:' "$f"; then
      printf '%-60s image=%s\n' "$f" "$(sed -n 's/^ *image: *//p' "$f")"
      grep -q 'image: .*@sha256:[0-9a-f]\{64\}' "$f" || { echo "  FAIL: image not by digest"; fail=1; }
    fi
  done
  printf 'installed versions: %s\n' "$(hull package installed list --target dir:target | awk 'NR>1{print $1"="$3}' | sort | tr '\n' ' ')"
  return $fail
}
step "11. Audit summary"
audit && echo "audit: OK (prod channel holds prod packages only, signed by the prod key; dev content refused through it; pinned versions installed; mode prod; images by digest)"
