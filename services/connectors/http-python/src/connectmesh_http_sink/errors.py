"""The errors the HTTP sink raises, each saying whether retrying may help.

Mirrors the TypeScript SDK's PluginError family: `retriable` becomes ConnectorError.kind (RETRIABLE or
FATAL) inside a Write stream, and picks the gRPC status when a call ends with one; `record_index` names
the record of a batch at fault, so the worker resends from there (retriable) or routes just that record
to the dead-letter queue (fatal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class PluginError(Exception):
    """Base of every error the service reports for the sink."""

    def __init__(self, message: str, *, retriable: bool, record_index: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retriable = retriable
        self.record_index = record_index


class RetriableError(PluginError):
    """A passing condition (the receiver is down, throttled or timed out): the worker retries."""

    def __init__(self, message: str, *, record_index: int | None = None) -> None:
        super().__init__(message, retriable=True, record_index=record_index)


class FatalError(PluginError):
    """Retrying cannot help (bad data, a rejected request, a broken config): the error policy applies."""

    def __init__(self, message: str, *, record_index: int | None = None) -> None:
        super().__init__(message, retriable=False, record_index=record_index)


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with a connector config."""

    key: str
    message: str


class ConfigError(FatalError):
    """A connector or task config that does not parse or validate; lists every problem at once."""

    def __init__(self, subject: str, problems: Sequence[ConfigProblem]) -> None:
        listed = "; ".join(f"{problem.key}: {problem.message}" for problem in problems)
        super().__init__(f"{subject} is invalid: {listed}")
        self.problems = tuple(problems)


class ProtocolError(FatalError):
    """The worker broke the stream rules of sink.proto (no `open` first, a batch out of order, ...)."""


class UnknownPluginError(FatalError):
    """A request named a plugin this service does not host, or one of the wrong kind."""

    def __init__(self, plugin: str, wanted: str, hosted: Sequence[str]) -> None:
        kind = "" if wanted == "any" else f"{wanted} "
        super().__init__(
            f'this connector service hosts no {kind}plugin "{plugin}"; it hosts: '
            f"{'; '.join(hosted) or 'nothing'}; check connector.class, or route the connector to the "
            "service that hosts it"
        )
        self.plugin = plugin


def to_plugin_error(error: BaseException) -> PluginError:
    """Normalizes whatever was caught; anything unexpected is fatal, as an uncaught exception fails a
    task in Kafka Connect. The original stays reachable as `__cause__`."""
    if isinstance(error, PluginError):
        return error
    message = str(error) or f"the HTTP sink raised {type(error).__name__} without a message"
    normalized = FatalError(message)
    normalized.__cause__ = error
    return normalized
