#!/usr/bin/env bash
# Regenerates the schemas the dir: target's admission checks embed (src/Hull.Packaging/Admission/*.gz) from the
# dumps in ../shared/schemas (both Apache-2.0): the Kubernetes v1.24 API server's OpenAPI v2 document (with
# kapp-controller v0.45.0 installed) and kapp-controller's CRDs. The OpenAPI document is reduced to what admission
# reads: definitions without descriptions, and one entry per creatable kind (a POST path without {name}) with its
# definition and scope (a {namespace} path: namespaced), which the v2 document does not state otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
schemas=${1:-$here/../shared/schemas}
out=$here/src/Hull.Packaging/Admission
jq -c -S '
  def strip: walk(if type == "object" then with_entries(select(.key != "description" or (.value | type) != "string")) else . end);
  . as $doc
  | ([$doc.definitions | to_entries[] | select(.value["x-kubernetes-group-version-kind"]) | {key: (.value["x-kubernetes-group-version-kind"][0] | "\(.group)/\(.version)/\(.kind)"), value: .key}] | from_entries) as $defs
  | {
      kinds: ([$doc.paths | to_entries[] | select(.key | contains("{name}") | not) | .key as $path
               | .value.post? // empty | select(.["x-kubernetes-group-version-kind"])
               | .["x-kubernetes-group-version-kind"] | "\(.group)/\(.version)/\(.kind)" as $gvk
               | select($defs[$gvk])
               | {key: $gvk, value: {definition: $defs[$gvk], namespaced: ($path | contains("{namespace}"))}}] | from_entries),
      definitions: ($doc.definitions | strip)
    }' "$schemas/kubernetes-v1.24-openapi-v2.json" | gzip -n -9 > "$out/kubernetes-v1.24-openapi.json.gz"
gzip -n -9 < "$schemas/kapp-controller-crds.yml" > "$out/kapp-controller-v0.45.0-crds.yml.gz"
ls -l "$out"/*.gz
