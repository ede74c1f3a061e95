"""The gRPC server: ConnectorService, SinkService, grpc.health.v1.Health and server reflection.

Health is SERVING once the server listens and NOT_SERVING from the moment it stops, for the overall
status ("") and for each served service, so that registries and workers stop sending work before
anything closes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry.trace import Tracer

from connectmesh_gen.connectmesh.v1 import connector_pb2, connector_pb2_grpc, sink_pb2, sink_pb2_grpc

from .connector_service import ConnectorService
from .errors import FatalError
from .json_log import component_logger
from .plugin_catalog import HOSTED_PLUGINS
from .write_session import serve_write

CONNECTOR_SERVICE = connector_pb2.DESCRIPTOR.services_by_name["ConnectorService"].full_name
SINK_SERVICE = sink_pb2.DESCRIPTOR.services_by_name["SinkService"].full_name

# Each open Write stream holds one thread for its life (its handler blocks on the next request and on
# POSTs), so the thread count bounds the sink tasks one process runs at once. Admitting fewer calls than
# there are threads means every admitted call has a thread at once; a call past the limit is answered
# RESOURCE_EXHAUSTED (the worker retries it elsewhere or later) instead of queueing silently behind
# streams that may never end.
MAX_WORKER_THREADS = 64
MAX_CONCURRENT_CALLS = MAX_WORKER_THREADS - 4


class SinkService(sink_pb2_grpc.SinkServiceServicer):
    """SinkService.Write, one sink task per stream."""

    def __init__(self, tracer: Tracer | None) -> None:
        self._tracer = tracer

    def Write(  # noqa: N802 - the generated servicer's method name
        self, request_iterator: Iterator[sink_pb2.WriteRequest], context: grpc.ServicerContext
    ) -> Iterator[sink_pb2.WriteResponse]:
        return serve_write(request_iterator, context, self._tracer)


class ConnectorServer:
    """A running connector service; stop() ends it."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, tracer: Tracer | None = None) -> None:
        """Serves on host:port (0: any free port); `tracer` traces the sink tasks (None: tracing off)."""
        self._logger = component_logger("connector-server")
        self._stop_lock = threading.Lock()
        self._stopped = False
        self._server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=MAX_WORKER_THREADS, thread_name_prefix="grpc"),
            maximum_concurrent_rpcs=MAX_CONCURRENT_CALLS,
        )
        connector_pb2_grpc.add_ConnectorServiceServicer_to_server(ConnectorService(), self._server)
        sink_pb2_grpc.add_SinkServiceServicer_to_server(SinkService(tracer), self._server)
        # Non-blocking: a Watch stream does not hold one of the worker threads above.
        self._health = health.HealthServicer(
            experimental_non_blocking=True,
            experimental_thread_pool=futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="health"),
        )
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        self._served = (CONNECTOR_SERVICE, SINK_SERVICE)
        self._set_health(health_pb2.HealthCheckResponse.NOT_SERVING)
        reflection.enable_server_reflection(
            (*self._served, health.SERVICE_NAME, reflection.SERVICE_NAME), self._server
        )

        target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        try:
            self.port = self._server.add_insecure_port(target)
        except RuntimeError as error:
            raise FatalError(
                f"the HTTP sink could not listen on {target} ({error}); free the port or set "
                "CONNECT_MESH_HTTP_SINK_PORT to another (0 takes any free port)"
            ) from error
        self.address = f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}"
        self.plugins = HOSTED_PLUGINS
        self._server.start()
        self._set_health(health_pb2.HealthCheckResponse.SERVING)
        self._logger.info(
            "connector service listening",
            extra={"address": self.address, "plugins": [p.class_name for p in self.plugins]},
        )

    def stop(self, grace_s: float = 30.0) -> None:
        """Health NOT_SERVING first, then no new calls; open streams get `grace_s` to end before they are
        cancelled. Safe to call twice; the second call returns at once."""
        with self._stop_lock:
            if self._stopped:
                return
            self._stopped = True
        # enter_graceful_shutdown sets every status NOT_SERVING and keeps it so.
        self._health.enter_graceful_shutdown()
        self._logger.info(
            "stopping: no new calls; waiting for open streams to end", extra={"gracePeriodS": grace_s}
        )
        self._server.stop(grace_s).wait()
        self._logger.info("connector service stopped")

    def _set_health(self, status: int) -> None:
        for name in ("", *self._served):
            self._health.set(name, status)
