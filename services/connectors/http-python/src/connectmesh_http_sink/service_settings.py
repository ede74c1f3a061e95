"""The service's settings from the environment; the only module that reads os.environ.

- CONNECT_MESH_ETCD_ENDPOINTS   comma-separated etcd URLs, default http://127.0.0.1:2379
- CONNECT_MESH_CLUSTER          the cluster's name, default local
- CONNECT_MESH_INSTANCE_ID      this instance's id in the service registry, default http-<pid>
- CONNECT_MESH_HTTP_SINK_PORT   the gRPC port on 127.0.0.1, default 0 (any free port)
- CONNECT_MESH_METRICS_PORT     the Prometheus /metrics port on 127.0.0.1, default 0 (any free port)
- CONNECT_MESH_LOG_LEVEL        trace, debug, info (default), warn, error, fatal or silent
- OTEL_EXPORTER_OTLP_ENDPOINT   OpenTelemetry's OTLP/HTTP base URL; unset leaves tracing off

A bad value raises FatalError naming the variable, so the service fails at start rather than later.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import FatalError
from .json_log import LEVELS


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Where the service listens, where it registers, and how much it logs."""

    host: str
    port: int
    metrics_port: int
    otlp_endpoint: str | None
    etcd_endpoints: tuple[str, ...]
    cluster: str
    instance_id: str
    log_level: int


def settings_from_env(env: Mapping[str, str] | None = None) -> ServiceSettings:
    """Reads and checks the settings; `env` defaults to the process environment."""
    env = os.environ if env is None else env
    level_name = _non_empty(env.get("CONNECT_MESH_LOG_LEVEL")) or "info"
    if level_name.lower() not in LEVELS:
        raise FatalError(f'CONNECT_MESH_LOG_LEVEL must be one of {", ".join(LEVELS)}, not "{level_name}"')
    return ServiceSettings(
        # Loopback only: the mesh's services find each other through the registry on one host.
        host="127.0.0.1",
        port=_port("CONNECT_MESH_HTTP_SINK_PORT", env.get("CONNECT_MESH_HTTP_SINK_PORT")),
        metrics_port=_port("CONNECT_MESH_METRICS_PORT", env.get("CONNECT_MESH_METRICS_PORT")),
        otlp_endpoint=_non_empty(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")),
        etcd_endpoints=_endpoints(env.get("CONNECT_MESH_ETCD_ENDPOINTS")),
        cluster=_non_empty(env.get("CONNECT_MESH_CLUSTER")) or "local",
        instance_id=_non_empty(env.get("CONNECT_MESH_INSTANCE_ID")) or f"http-{os.getpid()}",
        log_level=LEVELS[level_name.lower()],
    )


def _port(name: str, text: str | None) -> int:
    text = _non_empty(text)
    if text is None:
        return 0
    if not text.strip().isdigit() or not 0 <= int(text) <= 65_535:
        raise FatalError(f'{name} must be a TCP port from 0 to 65535, not "{text}"')
    return int(text)


def _endpoints(text: str | None) -> tuple[str, ...]:
    endpoints = tuple(
        e.strip() for e in (_non_empty(text) or "http://127.0.0.1:2379").split(",") if e.strip()
    )
    for endpoint in endpoints:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FatalError(
                "CONNECT_MESH_ETCD_ENDPOINTS must list http:// URLs such as http://127.0.0.1:2379, "
                f'not "{endpoint}"'
            )
    if not endpoints:
        raise FatalError(
            "CONNECT_MESH_ETCD_ENDPOINTS lists no endpoint; give at least one, e.g. http://127.0.0.1:2379"
        )
    return endpoints


def _non_empty(text: str | None) -> str | None:
    return None if text is None or text.strip() == "" else text.strip()
