"""JSON log lines through the standard logging module, one object per line on stderr.

Shaped like the TypeScript services' pino lines (numeric level, time in epoch milliseconds, pid,
hostname, service, component, msg, trace_id and span_id while a span is active, then the call's fields in
camelCase, errors under "err") so that one log pipeline reads both. Fields come from `extra=` and from
ContextLogger, which carries a component's fixed fields (connector, task) the way pino's child loggers do.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import traceback
from typing import Any

from opentelemetry import trace

SERVICE = "connector-http-python"
_PREFIX = "connectmesh_http_sink."

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged as a field.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}

# pino's level names, which CONNECT_MESH_LOG_LEVEL uses across the mesh, and Python's own.
LEVELS = {
    "trace": logging.DEBUG,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "fatal": logging.CRITICAL,
    "critical": logging.CRITICAL,
    "silent": logging.CRITICAL + 10,
}


# pino's numeric levels, which is what its JSON lines carry.
_PINO_LEVELS = {
    logging.DEBUG: 20,
    logging.INFO: 30,
    logging.WARNING: 40,
    logging.ERROR: 50,
    logging.CRITICAL: 60,
}


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object."""

    def __init__(self) -> None:
        super().__init__()
        self._hostname = socket.gethostname()

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "level": _PINO_LEVELS.get(record.levelno, 30),
            "time": round(record.created * 1000),
            "pid": os.getpid(),
            "hostname": self._hostname,
            "service": SERVICE,
            "component": record.name.removeprefix(_PREFIX),
            "msg": record.getMessage(),
        }
        # Formatted on the logging thread, so the active span is the one the line was logged under.
        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            line["trace_id"] = format(span_context.trace_id, "032x")
            line["span_id"] = format(span_context.span_id, "016x")
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES:
                line[key] = value
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line["err"] = {
                "type": type(error).__name__,
                "message": str(error),
                "stack": "".join(traceback.format_exception(error)),
            }
        # default=str: a field that is not JSON (an exception, a path) is logged as text, not dropped.
        return json.dumps(line, default=str, ensure_ascii=False)


class ContextLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """A logger with fixed fields merged into every call's `extra` (3.11's LoggerAdapter replaces
    `extra` instead of merging it)."""

    def process(self, msg: Any, kwargs: Any) -> tuple[Any, Any]:
        kwargs["extra"] = {**(self.extra or {}), **kwargs.get("extra", {})}
        return msg, kwargs

    def child(self, **fields: Any) -> ContextLogger:
        """A logger with more fixed fields."""
        return ContextLogger(self.logger, {**(self.extra or {}), **fields})


def component_logger(component: str, **fields: Any) -> ContextLogger:
    """The logger of one component, with its fixed fields."""
    return ContextLogger(logging.getLogger(f"{_PREFIX}{component}"), fields)


def configure_logging(level: int) -> None:
    """Sends every log record to stderr as JSON at `level`; called once, from __main__."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
