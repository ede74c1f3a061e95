"""The HTTP sink's config keys and their parsed form.

`topics` / `topics.regex`, `tasks.max`, converters and transforms are the runtime's keys: the worker
validates them and subscribes, and the plugin passes them through untouched (see contract.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from connectmesh_gen.connectmesh.v1 import config_pb2

from .config_spec import ConfigKey, ConfigSpec, non_empty_rule, range_rule
from .http_headers import Headers, check_headers, parse_headers

URL = "http.url"
HEADERS = "http.headers"
TIMEOUT_MS = "http.timeout.ms"
BATCH_MAX_RECORDS = "batch.max.records"
RETRY_BACKOFF_MS = "retry.backoff.ms"
RETRY_MAX_MS = "retry.max.ms"

_CONNECTION = "Connection"
_DELIVERY = "Delivery"


def check_url(value: object) -> str | None:
    """An absolute http or https URL with a host; what is wrong with it, or None."""
    text = str(value)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError as problem:
        return f"not a valid URL ({problem})"
    if parts.scheme.lower() not in ("http", "https"):
        return "must start with http:// or https://"
    if not parts.hostname:
        return "must name a host, as in http://collector.internal:8080/ingest"
    if any(character.isspace() for character in text):
        return "must not contain spaces; percent-encode them as %20"
    return None


HTTP_SINK_CONFIG = ConfigSpec(
    [
        ConfigKey(
            name=URL,
            type=config_pb2.CONFIG_TYPE_STRING,
            importance=config_pb2.CONFIG_IMPORTANCE_HIGH,
            display_name="URL",
            group=_CONNECTION,
            documentation=(
                "The absolute http:// or https:// URL each batch of records is POSTed to as a JSON array "
                "(one object per record: topic, partition, offset, key, value, headers, timestamp)."
            ),
            validators=[non_empty_rule()],
            check=check_url,
        ),
        ConfigKey(
            name=HEADERS,
            # A secret, because these headers usually carry the credentials (Authorization, API keys):
            # Validate never echoes it, logs never print it, and it is best given as a
            # ${provider:path:key} reference.
            type=config_pb2.CONFIG_TYPE_PASSWORD,
            default=None,
            importance=config_pb2.CONFIG_IMPORTANCE_MEDIUM,
            display_name="Extra headers",
            group=_CONNECTION,
            documentation=(
                "Extra request headers as `Name: value` pairs separated by `|`, e.g. "
                "`Authorization: Bearer abc|X-Team: data`. Content-Type is application/json unless set "
                "here; Content-Length, Transfer-Encoding, Host and Connection cannot be set."
            ),
            check=check_headers,
        ),
        ConfigKey(
            name=TIMEOUT_MS,
            type=config_pb2.CONFIG_TYPE_INT,
            default=10_000,
            importance=config_pb2.CONFIG_IMPORTANCE_LOW,
            display_name="Request timeout (ms)",
            group=_CONNECTION,
            documentation=(
                "How long one POST may take to connect and to receive each part of the answer, in "
                "milliseconds. A timeout is retried like a 503."
            ),
            validators=[range_rule(min=1)],
        ),
        ConfigKey(
            name=BATCH_MAX_RECORDS,
            type=config_pb2.CONFIG_TYPE_INT,
            default=500,
            importance=config_pb2.CONFIG_IMPORTANCE_MEDIUM,
            display_name="Records per request",
            group=_DELIVERY,
            documentation=(
                "The most records in one POST. A batch from the worker with more records is sent as "
                "several POSTs, in order."
            ),
            validators=[range_rule(min=1)],
        ),
        ConfigKey(
            name=RETRY_BACKOFF_MS,
            type=config_pb2.CONFIG_TYPE_LONG,
            default=500,
            importance=config_pb2.CONFIG_IMPORTANCE_LOW,
            display_name="Retry backoff (ms)",
            group=_DELIVERY,
            documentation=(
                "The first wait before retrying a POST that got 429, a 5xx or no answer; each further "
                "wait doubles (with jitter), up to 10 s."
            ),
            validators=[range_rule(min=0)],
        ),
        ConfigKey(
            name=RETRY_MAX_MS,
            type=config_pb2.CONFIG_TYPE_LONG,
            default=30_000,
            importance=config_pb2.CONFIG_IMPORTANCE_LOW,
            display_name="Retry time limit (ms)",
            group=_DELIVERY,
            documentation=(
                "How long the sink keeps retrying one POST itself before reporting a retriable error "
                "to the worker, which then retries under errors.retry.timeout. 0 tries each POST once."
            ),
            validators=[range_rule(min=0)],
        ),
    ]
)


@dataclass(frozen=True, slots=True)
class HttpSinkConfig:
    """A parsed, valid HTTP sink config."""

    url: str
    headers: Headers
    timeout_ms: int
    batch_max_records: int
    retry_backoff_ms: int
    retry_max_ms: int


def parse_http_sink_config(config: Mapping[str, str]) -> HttpSinkConfig:
    """Parses a connector or task config; raises ConfigError listing every problem."""
    values = HTTP_SINK_CONFIG.parse(config)
    return HttpSinkConfig(
        url=values[URL],
        headers=parse_headers(values[HEADERS] or ""),
        timeout_ms=values[TIMEOUT_MS],
        batch_max_records=values[BATCH_MAX_RECORDS],
        retry_backoff_ms=values[RETRY_BACKOFF_MS],
        retry_max_ms=values[RETRY_MAX_MS],
    )
