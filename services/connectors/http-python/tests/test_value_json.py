"""Rendering Data API values as plain JSON (the mapping in value_json's docs and the README)."""

from __future__ import annotations

import json

import pytest
from data_values import (
    array,
    boolean,
    double,
    integer,
    logical,
    mapping,
    null,
    raw_bytes,
    string,
    struct,
)

from connectmesh_gen.connectmesh.v1 import data_pb2
from connectmesh_http_sink.value_json import DATE, DECIMAL, TIME, TIMESTAMP, value_to_json

Schema = data_pb2.Schema


def decimal_bytes(unscaled: int) -> bytes:
    return unscaled.to_bytes((unscaled.bit_length() + 8) // 8 or 1, "big", signed=True)


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        (None, None),
        (data_pb2.Value(), None),
        (null(), None),
        (boolean(True), True),
        (integer(42), 42),
        (integer(-(2**63)), -(2**63)),
        (integer(2**63 - 1), 2**63 - 1),
        (double(0.25), 0.25),
        (double(float("nan")), "NaN"),
        (double(float("inf")), "Infinity"),
        (double(float("-inf")), "-Infinity"),
        (string("héllo"), "héllo"),
        (raw_bytes(b"\x00\xffhi"), "AP9oaQ=="),
        (array(integer(1), string("a"), null()), [1, "a", None]),
        (mapping((string("a"), integer(1)), (string("b"), null())), {"a": 1, "b": None}),
        (mapping(), {}),
        (
            mapping((integer(1), string("one")), (integer(2), string("two"))),
            [{"key": 1, "value": "one"}, {"key": 2, "value": "two"}],
        ),
        (
            struct(id=integer(7), name=string("x"), tags=array(string("t"))),
            {"id": 7, "name": "x", "tags": ["t"]},
        ),
    ],
)
def test_schemaless_values_render_by_their_kind(value: data_pb2.Value | None, rendered: object) -> None:
    assert value_to_json(value) == rendered


def test_int64_stays_exact_in_the_json_text() -> None:
    assert json.dumps(value_to_json(integer(9007199254740993))) == "9007199254740993"


def test_float32_renders_as_its_shortest_decimal() -> None:
    assert value_to_json(double(0.10000000149011612), Schema(type=data_pb2.SCHEMA_TYPE_FLOAT32)) == 0.1
    assert value_to_json(double(0.1), Schema(type=data_pb2.SCHEMA_TYPE_FLOAT64)) == 0.1


@pytest.mark.parametrize(
    ("unscaled", "scale", "rendered"),
    [
        (1250, "2", "12.50"),
        (-5, "3", "-0.005"),
        (0, "2", "0.00"),
        (12, "0", "12"),
        (12, "-2", "1200"),
        (123456789012345678901234567890, "10", "12345678901234567890.1234567890"),
    ],
)
def test_decimals_render_as_strings_with_their_scale(unscaled: int, scale: str, rendered: str) -> None:
    schema = logical(DECIMAL, data_pb2.SCHEMA_TYPE_BYTES, scale=scale)
    assert value_to_json(raw_bytes(decimal_bytes(unscaled)), schema) == rendered


@pytest.mark.parametrize(
    ("name", "type_", "number", "rendered"),
    [
        (DATE, data_pb2.SCHEMA_TYPE_INT32, 0, "1970-01-01"),
        (DATE, data_pb2.SCHEMA_TYPE_INT32, 19783, "2024-03-01"),
        (DATE, data_pb2.SCHEMA_TYPE_INT32, -1, "1969-12-31"),
        (TIME, data_pb2.SCHEMA_TYPE_INT32, 49_500_250, "13:45:00.250Z"),
        (TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64, 1_709_300_700_250, "2024-03-01T13:45:00.250Z"),
        (TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64, -1, "1969-12-31T23:59:59.999Z"),
    ],
)
def test_temporal_types_render_as_iso_8601(name: str, type_: int, number: int, rendered: str) -> None:
    assert value_to_json(integer(number), logical(name, type_)) == rendered


def test_a_null_logical_value_is_null() -> None:
    assert value_to_json(null(), logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)) is None


@pytest.mark.parametrize(
    ("value", "schema", "problem"),
    [
        (integer(5), logical(DECIMAL, data_pb2.SCHEMA_TYPE_BYTES, scale="2"), "a Decimal must be bytes"),
        (raw_bytes(b"\x01"), logical(DECIMAL, data_pb2.SCHEMA_TYPE_BYTES), 'parameters\\["scale"\\]'),
        (string("2024-01-01"), logical(DATE, data_pb2.SCHEMA_TYPE_INT32), "a Date must be an integer"),
        (integer(86_400_000), logical(TIME, data_pb2.SCHEMA_TYPE_INT32), "0 to 86399999"),
        (integer(10**15), logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64), "outside years 1 to 9999"),
    ],
)
def test_a_value_that_contradicts_its_logical_schema_is_refused(
    value: data_pb2.Value, schema: Schema, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        value_to_json(value, schema)


def test_schemas_reach_nested_values() -> None:
    timestamp = logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)
    schema = Schema(
        type=data_pb2.SCHEMA_TYPE_STRUCT,
        fields=[
            data_pb2.Field(name="at", index=0, schema=timestamp),
            data_pb2.Field(
                name="history",
                index=1,
                schema=Schema(type=data_pb2.SCHEMA_TYPE_ARRAY, element_schema=timestamp),
            ),
            data_pb2.Field(
                name="by_day",
                index=2,
                schema=Schema(
                    type=data_pb2.SCHEMA_TYPE_MAP,
                    key_schema=Schema(type=data_pb2.SCHEMA_TYPE_STRING),
                    value_schema=timestamp,
                ),
            ),
        ],
    )
    value = struct(at=integer(0), history=array(integer(1000)), by_day=mapping((string("mon"), integer(0))))
    assert value_to_json(value, schema) == {
        "at": "1970-01-01T00:00:00.000Z",
        "history": ["1970-01-01T00:00:01.000Z"],
        "by_day": {"mon": "1970-01-01T00:00:00.000Z"},
    }


def test_struct_fields_follow_the_schema_and_absent_ones_take_the_default_or_null() -> None:
    schema = Schema(
        type=data_pb2.SCHEMA_TYPE_STRUCT,
        fields=[
            data_pb2.Field(name="id", index=0, schema=Schema(type=data_pb2.SCHEMA_TYPE_INT64)),
            data_pb2.Field(
                name="status",
                index=1,
                schema=Schema(type=data_pb2.SCHEMA_TYPE_STRING, optional=True, default_value=string("new")),
            ),
            data_pb2.Field(
                name="note", index=2, schema=Schema(type=data_pb2.SCHEMA_TYPE_STRING, optional=True)
            ),
        ],
    )
    rendered = value_to_json(struct(extra=boolean(True), id=integer(1)), schema)
    assert list(rendered.items()) == [("id", 1), ("status", "new"), ("note", None), ("extra", True)]
