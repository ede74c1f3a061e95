#!/usr/bin/env bash
# Fails if gen/ is not exactly what scripts/generate.sh writes now (the contract or a plugin version
# changed and nobody regenerated, or someone edited gen/ by hand), or if protoc-gen-go's version has drifted
# from the protobuf runtime in go.mod.
set -euo pipefail
service_dir=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=plugin-versions.sh
source "$service_dir/scripts/plugin-versions.sh"

runtime_version=$(cd "$service_dir" && go list -m -f '{{.Version}}' google.golang.org/protobuf)
if [ "$runtime_version" != "$PROTOC_GEN_GO_VERSION" ]; then
  echo "check-generated: go.mod has google.golang.org/protobuf ${runtime_version} but protoc-gen-go is pinned at ${PROTOC_GEN_GO_VERSION}; make them equal in scripts/plugin-versions.sh or go.mod, then run scripts/generate.sh" >&2
  exit 1
fi

generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
"$service_dir/scripts/generate.sh" "$generated"
fresh="$generated/services/connectors/datagen-go/gen"
if ! diff -r "$fresh" "$service_dir/gen" >/dev/null; then
  diff -ru "$fresh" "$service_dir/gen" | head -40 >&2 || true
  echo "check-generated: services/connectors/datagen-go/gen is stale; run services/connectors/datagen-go/scripts/generate.sh and commit the result" >&2
  exit 1
fi
echo "check-generated: services/connectors/datagen-go/gen is current"
