#!/usr/bin/env bash
# Builds the native AOT `hull` binary for linux-x64 into ./artifacts/bin/hull.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/apt.sh
need_packages clang zlib1g-dev
dotnet publish src/Hull.Cli -c Release -r linux-x64 -o artifacts/bin -p:DebugType=none -p:GenerateDocumentationFile=false --nologo -v quiet
echo "built artifacts/bin/hull"
