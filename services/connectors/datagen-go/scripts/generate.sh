#!/usr/bin/env bash
# Regenerates gen/ from the contract (proto/connectmesh/v1) with buf and the pinned Go plugins. Never edit
# gen/ by hand; run this and commit the result.
#
#   scripts/generate.sh [output-root]
#
# output-root defaults to the repository root; check-generated.sh passes a temporary directory instead.
# The plugins are built once from the Go module proxy into a cache outside the repository, keyed by their
# versions: ${CONNECT_MESH_CACHE_DIR:-$HOME/.cache/connect-mesh}/go-plugins-<versions>/bin.
set -euo pipefail
service_dir=$(cd "$(dirname "$0")/.." && pwd)
repo_root=$(cd "$service_dir/../../.." && pwd)
# shellcheck source=plugin-versions.sh
source "$service_dir/scripts/plugin-versions.sh"

output_root=${1:-}
cache_dir=${CONNECT_MESH_CACHE_DIR:-$HOME/.cache/connect-mesh}
plugin_home="$cache_dir/go-plugins-protobuf-${PROTOC_GEN_GO_VERSION}-grpc-${PROTOC_GEN_GO_GRPC_VERSION}"
plugin_bin="$plugin_home/bin"

if [ ! -x "$plugin_bin/protoc-gen-go" ] || [ ! -x "$plugin_bin/protoc-gen-go-grpc" ]; then
  command -v go >/dev/null || {
    echo "generate: Go is needed to build the protoc plugins; install Go 1.24 or newer" >&2
    exit 1
  }
  echo "generate: building protoc-gen-go ${PROTOC_GEN_GO_VERSION} and protoc-gen-go-grpc ${PROTOC_GEN_GO_GRPC_VERSION} into $plugin_home (first run only)" >&2
  mkdir -p "$cache_dir"
  # Built into a staging directory and renamed into place, so an interrupted build never leaves a cache
  # entry that looks complete.
  staging=$(mktemp -d "$cache_dir/.go-plugins-XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  # GOFLAGS and GOWORK are cleared so a project's go.work or -mod flag cannot change what gets built.
  GOBIN="$staging/bin" GOFLAGS= GOWORK=off go install "google.golang.org/protobuf/cmd/protoc-gen-go@${PROTOC_GEN_GO_VERSION}"
  GOBIN="$staging/bin" GOFLAGS= GOWORK=off go install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@${PROTOC_GEN_GO_GRPC_VERSION}"
  if ! mv -T "$staging" "$plugin_home" 2>/dev/null; then
    # Another run may have finished first, and its copy is just as good; a partial one is replaced.
    if [ ! -x "$plugin_bin/protoc-gen-go" ] || [ ! -x "$plugin_bin/protoc-gen-go-grpc" ]; then
      rm -rf "$plugin_home"
      mv -T "$staging" "$plugin_home"
    fi
  fi
fi

cd "$repo_root"
[ -x node_modules/.bin/buf ] || {
  echo "generate: buf is not installed; run \`npm ci\` in $repo_root first" >&2
  exit 1
}
# `local: protoc-gen-go` in buf.gen.go.yaml resolves through PATH, so ours go first.
PATH="$plugin_bin:$PATH" npx --no-install buf generate --template buf.gen.go.yaml ${output_root:+--output "$output_root"}
