"""The contract's ConnectorError for whatever the sink raised."""

from __future__ import annotations

import traceback

from connectmesh_gen.connectmesh.v1 import error_pb2

from .errors import to_plugin_error


def to_connector_error(error: BaseException) -> error_pb2.ConnectorError:
    """The kind from `retriable`, the record index, and the class name and stack of the error that
    started it (an HTTPError, a ValueError from rendering), for the task status and Connect's
    __connect.errors.exception.class.name header."""
    normalized = to_plugin_error(error)
    original = _root_cause(normalized)
    reported = error_pb2.ConnectorError(
        kind=error_pb2.ERROR_KIND_RETRIABLE if normalized.retriable else error_pb2.ERROR_KIND_FATAL,
        message=normalized.message,
        error_class=type(original).__name__,
        stack_trace="".join(traceback.format_exception(normalized)),
    )
    if normalized.record_index is not None:
        reported.record_index = normalized.record_index
    return reported


def _root_cause(error: BaseException) -> BaseException:
    # Bounded: a cause chain is short, and a cycle (possible with hand-set __cause__) must not hang us.
    for _ in range(16):
        if error.__cause__ is None:
            break
        error = error.__cause__
    return error
