"""The HTTP sink connector service: wiring only (settings, logging, server, registration, signals).

Run with `python -m connectmesh_http_sink` and src/ on PYTHONPATH, or scripts/run.sh.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

from .connector_server import ConnectorServer
from .errors import PluginError
from .json_log import SERVICE, component_logger, configure_logging
from .mesh_registration import register_in_mesh
from .metrics_server import start_metrics_server
from .service_settings import settings_from_env
from .tracing import start_tracing

# How long open Write streams get to end after SIGTERM before they are cancelled; the worker resends
# whatever was not flushed, so this only trades a quicker stop against redelivery.
STOP_GRACE_S = 30.0


def main() -> int:
    try:
        settings = settings_from_env()
    except PluginError as error:
        print(f"connectmesh_http_sink: {error.message}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    logger = component_logger("main")

    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        logger.info("stopping", extra={"signal": signal.Signals(signum).name})
        stop_requested.set()

    # Installed before anything starts, so a signal during startup still stops in order.
    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    tracing = start_tracing(settings.otlp_endpoint, SERVICE, settings.instance_id)
    try:
        metrics = start_metrics_server(settings.host, settings.metrics_port)
    except PluginError as error:
        logger.error("could not start", extra={"reason": error.message})
        return 1
    try:
        server = ConnectorServer(settings.host, settings.port, None if tracing is None else tracing.tracer)
    except PluginError as error:
        logger.error("could not start", extra={"reason": error.message})
        metrics.close()
        return 1
    try:
        registration = register_in_mesh(
            settings.etcd_endpoints,
            settings.cluster,
            settings.instance_id,
            server.address,
            server.plugins,
            metrics.address,
        )
    except PluginError as error:
        logger.error("could not register in the service registry", extra={"reason": error.message})
        server.stop(grace_s=0)
        metrics.close()
        return 1
    logger.info(
        "HTTP sink connector service ready",
        extra={
            "address": server.address,
            "metrics": f"http://{metrics.address}/metrics",
            "tracing": tracing is not None,
        },
    )

    stop_requested.wait()
    # Stop in order: leave the registry first, so workers stop picking this instance, then let open
    # streams end and close; last, export the spans still queued.
    registration.deregister()
    server.stop(grace_s=STOP_GRACE_S)
    metrics.close()
    if tracing is not None:
        tracing.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
