#!/usr/bin/env bash
# Records the real ytt v0.45.0's answer for every behaviour folder (or those named): expected.out when it succeeds,
# expected.err when it fails. Run from anywhere; needs ../shared/reference (the real Carvel tools).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ytt="$("$here/../../../../../shared/reference/install")/ytt"
cd "$here"
[ $# -gt 0 ] || set -- */
for d in "$@"; do
  d="${d%/}"
  rm -f "$d/expected.out" "$d/expected.err"
  # shellcheck disable=SC2046 # args are ytt's words, split on spaces
  if (cd "$d" && "$ytt" $(cat args) > expected.out 2> expected.err); then
    rm -f "$d/expected.err"
  else
    rm -f "$d/expected.out"
  fi
  echo "$d: $(ls "$d" | grep expected)"
done
