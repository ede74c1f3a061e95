#!/usr/bin/env bash
# Creates (once) the HTTP sink's virtualenv and prints its path on stdout; everything else goes to stderr,
# so callers can write VENV="$(scripts/setup-venv.sh)".
#
# The venv lives outside the repository, in
#   ${CONNECT_MESH_CACHE_DIR:-$HOME/.cache/connect-mesh}/python-http-sink-<hash>/venv
# where <hash> covers requirements.txt and the interpreter's version: changing either builds a new venv
# beside the old one rather than patching it, so a venv is never half-way between two sets of pins.
# Idempotent and safe to run concurrently: a lock serializes builders, and a marker written last tells a
# finished venv from one a killed run left behind (which is rebuilt).
set -euo pipefail

service_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$service_dir/requirements.txt"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup-venv: $python not found; install Python 3.11+ or set PYTHON to one" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "setup-venv: $("$python" --version 2>&1) is too old; the HTTP sink needs Python 3.11+ (set PYTHON)" >&2
  exit 1
fi

python_version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
hash="$( { cat "$requirements"; echo "python $python_version"; } | sha256sum | cut -c1-16)"
cache_dir="${CONNECT_MESH_CACHE_DIR:-$HOME/.cache/connect-mesh}"
home="$cache_dir/python-http-sink-$hash"
venv="$home/venv"
marker="$home/complete"

mkdir -p "$home"
exec 9>"$home/lock"
flock 9

if [[ ! -f "$marker" ]]; then
  started=$SECONDS
  echo "setup-venv: building $venv (Python $python_version)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check \
    --requirement "$requirements" >&2
  # Fails the build if the pins do not fit together, instead of at the first import.
  "$venv/bin/python" -m pip check >&2
  touch "$marker"
  echo "setup-venv: ready in $((SECONDS - started)) s" >&2
fi

echo "$venv"
