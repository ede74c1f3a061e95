"""A sink record as the JSON object the HTTP sink POSTs, and a list of them as the request body.

Each record becomes
    {"topic": str, "partition": int|null, "offset": int|null, "key": ..., "value": ...,
     "headers": [{"key": str, "value": ...}, ...], "timestamp": int|null}
- topic is Record.topic: the topic after topic-renaming transforms, as Connect's SinkRecord.topic().
- partition and offset come from Record.kafka_position (where the worker read the record); null if the
  worker did not send one.
- key, value and each header value are rendered by value_json with their schemas.
- headers is a list, not an object, because Kafka header keys may repeat and their order matters.
- timestamp is the record's Kafka timestamp in milliseconds since the epoch, as Kafka reports it (not an
  ISO string: it is metadata, not a Timestamp-typed value), or null when the record has none.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from connectmesh_gen.connectmesh.v1 import record_pb2

from .value_json import value_to_json


def record_to_json(record: record_pb2.Record) -> dict[str, Any]:
    """One record's object; raises ValueError if its key, value or a header cannot be rendered."""
    position = record.kafka_position if record.HasField("kafka_position") else None
    return {
        "topic": record.topic,
        "partition": position.partition if position is not None else None,
        "offset": position.offset if position is not None else None,
        "key": _render("key", record.key if record.HasField("key") else None, _schema(record, "key_schema")),
        "value": _render(
            "value", record.value if record.HasField("value") else None, _schema(record, "value_schema")
        ),
        "headers": [
            {
                "key": header.key,
                "value": _render(
                    f'header "{header.key}"',
                    header.value if header.HasField("value") else None,
                    header.schema if header.HasField("schema") else None,
                ),
            }
            for header in record.headers
        ],
        "timestamp": record.timestamp_ms if record.HasField("timestamp_ms") else None,
    }


def encode_body(rendered: Sequence[dict[str, Any]]) -> bytes:
    """The request body: a compact JSON array in UTF-8. allow_nan=False guards the promise that the body
    is valid JSON (value_json already turns NaN and Infinity into strings)."""
    return json.dumps(list(rendered), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _schema(record: record_pb2.Record, field: str) -> Any:
    return getattr(record, field) if record.HasField(field) else None


def _render(part: str, value: Any, schema: Any) -> Any:
    try:
        return value_to_json(value, schema)
    except ValueError as problem:
        raise ValueError(f"the record's {part} cannot be rendered as JSON: {problem}") from problem
