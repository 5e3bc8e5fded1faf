#!/usr/bin/env bash
# Hull's main job: builds the native binary and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/publish.sh
artifacts/bin/hull --help
