#!/usr/bin/env bash
# Fails if src/connectmesh_gen is not exactly what scripts/generate.sh writes from proto/ today, i.e. if
# someone changed a .proto without regenerating, or edited generated code by hand.
set -euo pipefail

service_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
committed="$service_dir/src/connectmesh_gen"

fresh_root="$(mktemp -d)"
trap 'rm -rf "$fresh_root"' EXIT
"$service_dir/scripts/generate.sh" "$fresh_root/connectmesh_gen"

# __pycache__ directories appear wherever the code was imported; they are not generated output.
if ! diff -r --exclude=__pycache__ "$committed" "$fresh_root/connectmesh_gen"; then
  echo "check-generated: src/connectmesh_gen is stale or was edited by hand." >&2
  echo "check-generated: run services/connectors/http-python/scripts/generate.sh and commit the result." >&2
  exit 1
fi
echo "check-generated: src/connectmesh_gen is up to date" >&2
