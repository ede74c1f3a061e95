#!/usr/bin/env bash
# Checks the protobuf contract the way a connector author relies on it:
#  1. buf lint (STANDARD rules);
#  2. buf breaking against the commit that first landed v1, so v1 never breaks what it once promised,
#     and against HEAD, so an uncommitted breaking change is caught before it is committed;
#  3. the generated code (TypeScript in libs/proto, and the other languages' through their own
#     check-generated scripts) is exactly what generating it again writes.
set -euo pipefail
cd "$(dirname "$0")/.."

npx buf lint

if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
  git fetch --quiet --unshallow || echo "check-contract: a shallow clone; breaking changes are checked against the oldest commit it has" >&2
fi
baseline=$(git log --diff-filter=A --format=%H -- proto/connectmesh/v1/data.proto | tail -n 1)
if [ -z "$baseline" ]; then
  echo "check-contract: no commit has landed proto/connectmesh/v1 yet; nothing to check for breaking changes" >&2
else
  npx buf breaking --against ".git#ref=${baseline}"
  npx buf breaking --against ".git#ref=HEAD"
fi

generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
npx buf generate --output "$generated"
if ! diff -r "$generated/libs/proto/src/gen" libs/proto/src/gen >/dev/null; then
  diff -r "$generated/libs/proto/src/gen" libs/proto/src/gen | head -40 >&2 || true
  echo "check-contract: libs/proto/src/gen is stale; run \`npm run generate\` and commit the result" >&2
  exit 1
fi
# The other languages' generated code is checked by their own scripts, which regenerate and diff.
bash services/connectors/http-python/scripts/check-generated.sh
bash services/connectors/datagen-go/scripts/check-generated.sh
echo "check-contract: buf lint, buf breaking and generated code are all current"
