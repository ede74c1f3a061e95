"""ConnectorService (Describe, Validate, Plan) for the hosted plugins. Stateless, as the contract asks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import grpc

from connectmesh_gen.connectmesh.v1 import connector_pb2, connector_pb2_grpc

from .errors import ProtocolError
from .grpc_status import abort_with
from .json_log import component_logger
from .plugin_catalog import HOSTED_PLUGINS, find_plugin
from .sink_config import HTTP_SINK_CONFIG, parse_http_sink_config

Request = TypeVar("Request")
Response = TypeVar("Response")

_logger = component_logger("connector-service")


def _unary(
    handler: Callable[[Request], Response],
) -> Callable[[object, Request, grpc.ServicerContext], Response]:
    """Answers with the handler's result, or ends the call with its error's status."""

    def call(self: object, request: Request, context: grpc.ServicerContext) -> Response:
        try:
            return handler(request)
        except Exception as error:  # noqa: BLE001 - mapped to a status, never leaked as UNKNOWN
            _logger.info("a call failed", extra={"method": handler.__name__, "reason": str(error)})
            abort_with(context, error)

    return call


def describe(request: connector_pb2.DescribeRequest) -> connector_pb2.DescribeResponse:
    """Every hosted plugin with its config definitions."""
    return connector_pb2.DescribeResponse(plugins=HOSTED_PLUGINS)


def validate(request: connector_pb2.ValidateRequest) -> connector_pb2.ValidateResponse:
    """One result per defined key with its problems; a bad config is an answer here, not an error."""
    find_plugin(request.plugin)
    return connector_pb2.ValidateResponse(values=HTTP_SINK_CONFIG.validate(request.config))


def plan(request: connector_pb2.PlanRequest) -> connector_pb2.PlanResponse:
    """tasks.max identical task configs: every task POSTs to the same URL, and the worker spreads the
    topic partitions over them. The config is checked first, so a bad one fails here, not in every task."""
    find_plugin(request.plugin)
    if request.max_tasks < 1:
        raise ProtocolError(
            f"max_tasks must be at least 1, not {request.max_tasks}; this is a bug in the caller"
        )
    parse_http_sink_config(request.config)
    task = connector_pb2.TaskConfig(config=dict(request.config))
    return connector_pb2.PlanResponse(tasks=[task] * request.max_tasks)


class ConnectorService(connector_pb2_grpc.ConnectorServiceServicer):
    """The generated servicer, with each method mapped to the handlers above."""

    Describe = _unary(describe)
    Validate = _unary(validate)
    Plan = _unary(plan)
