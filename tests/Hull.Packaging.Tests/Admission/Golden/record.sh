#!/usr/bin/env bash
# Records what a real Kubernetes v1.24 API server answers to each golden input (a dry-run POST to the path on its
# first line) on its second line, "# 422 Invalid: MESSAGE" or "# accepted". Needs a server from
# ../shared/cluster/start --api-only RUN_DIR with widgets-crd.yml and ../shared/schemas/kapp-controller-crds.yml
# applied (kubectl apply -f); pass RUN_DIR. Needs python3 with PyYAML.
set -euo pipefail
run=${1:?usage: record.sh RUN_DIR}
cd "$(dirname "$0")"
server=$(grep -o 'https://127.0.0.1:[0-9]*' "$run/kubeconfig")
token=$(grep -o 'token: [a-z0-9]*' "$run/kubeconfig" | cut -d' ' -f2)
for golden in *.yml; do
  [ "$golden" = widgets-crd.yml ] && continue
  path=$(head -1 "$golden" | sed -n 's/^# POST //p')
  body=$(grep -v '^# ' "$golden" | python3 -c 'import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin)))')
  answer=$(curl -s --cacert "$run/certs/ca.crt" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -X POST --data "$body" "$server$path?dryRun=All" | python3 -c '
import sys, json
d = json.load(sys.stdin)
print("# accepted" if d.get("kind") != "Status" else "# %s %s: %s" % (d["code"], d["reason"], d["message"]))')
  { head -1 "$golden"; echo "$answer"; grep -v '^# ' "$golden"; } > "$golden.new"
  mv "$golden.new" "$golden"
done
