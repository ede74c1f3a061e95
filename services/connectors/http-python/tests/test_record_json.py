"""A record as the JSON object the sink POSTs, and the body around it."""

from __future__ import annotations

import json

import pytest
from data_values import integer, logical, record, string, struct

from connectmesh_gen.connectmesh.v1 import data_pb2, record_pb2
from connectmesh_http_sink.record_json import encode_body, record_to_json
from connectmesh_http_sink.value_json import TIMESTAMP


def test_a_record_renders_with_every_field() -> None:
    rendered = record_to_json(
        record(
            struct(id=integer(7)),
            key=string("k1"),
            topic="orders",
            partition=3,
            offset=2**40,
            headers=[
                record_pb2.Header(key="trace", value=string("a")),
                record_pb2.Header(key="trace", value=string("b")),
                record_pb2.Header(
                    key="at", value=integer(0), schema=logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)
                ),
            ],
            timestamp_ms=1_709_300_700_250,
        )
    )
    assert rendered == {
        "topic": "orders",
        "partition": 3,
        "offset": 2**40,
        "key": "k1",
        "value": {"id": 7},
        "headers": [
            {"key": "trace", "value": "a"},
            {"key": "trace", "value": "b"},
            {"key": "at", "value": "1970-01-01T00:00:00.000Z"},
        ],
        "timestamp": 1_709_300_700_250,
    }


def test_a_tombstone_with_no_key_position_or_timestamp_renders_nulls() -> None:
    assert record_to_json(record_pb2.Record(topic="t")) == {
        "topic": "t",
        "partition": None,
        "offset": None,
        "key": None,
        "value": None,
        "headers": [],
        "timestamp": None,
    }


def test_the_value_schema_applies_to_the_value() -> None:
    rendered = record_to_json(record(integer(0), value_schema=logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)))
    assert rendered["value"] == "1970-01-01T00:00:00.000Z"


def test_an_unrenderable_part_is_named() -> None:
    with pytest.raises(ValueError, match="the record's value cannot be rendered"):
        record_to_json(record(string("x"), value_schema=logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)))


def test_the_body_is_a_compact_utf8_json_array_with_exact_integers() -> None:
    body = encode_body([record_to_json(record(string("é"), offset=2**63 - 1))])
    assert body.startswith(b'[{"topic":"orders"')
    assert b'"offset":9223372036854775807' in body
    assert json.loads(body.decode("utf-8"))[0]["value"] == "é"
