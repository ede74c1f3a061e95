"""Ends a gRPC call with the status an error maps to; the only place errors become statuses.

The same mapping as the TypeScript SDK: unknown plugins are NOT_FOUND, bad configs and broken stream
rules INVALID_ARGUMENT, other retriable errors UNAVAILABLE and other fatal ones FAILED_PRECONDITION. The
full ConnectorError also travels in trailing metadata, so the worker can still tell retriable from fatal.
"""

from __future__ import annotations

from typing import NoReturn

import grpc

from .connector_error import to_connector_error
from .errors import ConfigError, PluginError, ProtocolError, UnknownPluginError, to_plugin_error

CONNECTOR_ERROR_METADATA_KEY = "connectmesh-error-bin"


def status_code_of(error: PluginError) -> grpc.StatusCode:
    """The status a call that failed with `error` ends with."""
    if isinstance(error, UnknownPluginError):
        return grpc.StatusCode.NOT_FOUND
    if isinstance(error, ConfigError | ProtocolError):
        return grpc.StatusCode.INVALID_ARGUMENT
    return grpc.StatusCode.UNAVAILABLE if error.retriable else grpc.StatusCode.FAILED_PRECONDITION


def abort_with(context: grpc.ServicerContext, error: BaseException) -> NoReturn:
    """Ends the call with `error`'s status; raises, as grpc's context.abort does."""
    normalized = to_plugin_error(error)
    details = to_connector_error(error).SerializeToString()
    context.set_trailing_metadata(((CONNECTOR_ERROR_METADATA_KEY, details),))
    context.abort(status_code_of(normalized), normalized.message)
