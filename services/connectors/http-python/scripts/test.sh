#!/usr/bin/env bash
# Runs the HTTP sink's tests in its venv (built first if needed). Extra arguments go to pytest, e.g.
#   scripts/test.sh -k write -x
# The etcd registration tests run only when CONNECT_MESH_TEST_ETCD_ENDPOINT names a running etcd
# (e.g. http://127.0.0.1:2379); without it they are skipped, and pytest says so.
set -euo pipefail

service_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$("$service_dir/scripts/setup-venv.sh")"
cd "$service_dir"
exec "$venv/bin/python" -m pytest "$@"
