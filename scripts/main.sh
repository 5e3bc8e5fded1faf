#!/usr/bin/env bash
# Hull's main job: builds the native binary, then runs Workflow 1 (examples/linux-package-workflow) on the embedded
# store: images, flavoured packages, dev and prod channels and metapackages in OCI layout folders, the prod
# integration installed into a dir: target and upgraded, each step printed as typed, ending with the installed
# tree and its audit summary. Arguments go to the example (e.g. --registry HOST, --work DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/publish.sh
HULL="$PWD/artifacts/bin/hull" examples/linux-package-workflow/run.sh "$@"
