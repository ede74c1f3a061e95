"""Prometheus /metrics, as every mesh service serves it. A connector service has no record counters of its
own (those live in the worker): this serves prometheus_client's default registry, the process's and
Python's own metrics (CPU, memory, open files, GC)."""

from __future__ import annotations

from dataclasses import dataclass
from threading import Thread
from wsgiref.simple_server import WSGIServer

from prometheus_client import start_http_server

from .errors import FatalError


@dataclass(frozen=True, slots=True)
class MetricsServer:
    """A running /metrics endpoint."""

    address: str
    _server: WSGIServer
    _thread: Thread

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def start_metrics_server(host: str, port: int) -> MetricsServer:
    """Serves /metrics on host:port (0: any free port, see MetricsServer.address)."""
    try:
        server, thread = start_http_server(port, addr=host)
    except OSError as error:
        raise FatalError(
            f"the metrics endpoint could not listen on {host}:{port}: {error}; free the port or set "
            "CONNECT_MESH_METRICS_PORT to another"
        ) from error
    return MetricsServer(f"{host}:{server.server_port}", server, thread)
