#!/usr/bin/env bash
# Runs the HTTP sink connector service in its venv (built first if needed), in the foreground. It is
# configured by the environment only (see src/connectmesh_http_sink/service_settings.py):
#   CONNECT_MESH_ETCD_ENDPOINTS  CONNECT_MESH_CLUSTER  CONNECT_MESH_INSTANCE_ID
#   CONNECT_MESH_HTTP_SINK_PORT  CONNECT_MESH_METRICS_PORT  CONNECT_MESH_LOG_LEVEL  OTEL_EXPORTER_OTLP_ENDPOINT
# SIGTERM or SIGINT stops it in order: leave the registry, then let open streams end.
set -euo pipefail

service_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$("$service_dir/scripts/setup-venv.sh")"
export PYTHONPATH="$service_dir/src${PYTHONPATH:+:$PYTHONPATH}"
# exec, so that signals reach Python directly rather than this shell.
exec "$venv/bin/python" -m connectmesh_http_sink
