"""A Data API Value as plain JSON, for the body the HTTP sink POSTs.

The mapping (README.md has the same table):

- unset, or null                 -> null
- BOOLEAN                        -> true / false
- INT8..INT64                    -> a JSON number, exact (Python ints are unbounded; json writes every
                                    digit). Receivers that parse numbers as doubles lose precision past
                                    2^53, as with any JSON.
- FLOAT32 / FLOAT64              -> a JSON number; FLOAT32 (by schema) as its shortest decimal form
                                    (0.1, not 0.10000000149011612); NaN and +/-Infinity, which JSON cannot
                                    hold, as the strings "NaN", "Infinity", "-Infinity"
- STRING                         -> a string
- BYTES                          -> a base64 string (RFC 4648, with padding)
- ARRAY                          -> an array
- MAP with only string keys      -> an object, in entry order
- MAP with any other key         -> an array of {"key": ..., "value": ...} objects, in entry order
- STRUCT                         -> an object with one member per field: in schema order when there is
                                    a schema (a field absent from the value takes the schema's default,
                                    or null, as the contract says), else in value order
- Decimal (by Schema.name)       -> a string with exactly `scale` digits after the point ("12.50")
- Date                           -> an ISO-8601 date ("2024-03-01")
- Time                           -> an ISO-8601 UTC time of day ("13:45:00.250Z")
- Timestamp                      -> an ISO-8601 UTC instant with milliseconds ("2024-03-01T13:45:00.250Z")

Logical types need the schema: a schemaless Decimal is just bytes, a schemaless Timestamp just a number.
A value that contradicts its logical schema (a Decimal that is not bytes, a date out of range) raises
ValueError, since rendering it as something else would silently deliver wrong data.
"""

from __future__ import annotations

import base64
import math
import struct
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from connectmesh_gen.connectmesh.v1 import data_pb2

JsonValue = Any

DECIMAL = "org.apache.kafka.connect.data.Decimal"
DATE = "org.apache.kafka.connect.data.Date"
TIME = "org.apache.kafka.connect.data.Time"
TIMESTAMP = "org.apache.kafka.connect.data.Timestamp"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DATE = date(1970, 1, 1)
_MS_PER_DAY = 86_400_000


def value_to_json(value: data_pb2.Value | None, schema: data_pb2.Schema | None = None) -> JsonValue:
    """`value` as plain JSON (None, bool, int, float, str, list, dict); see the module docs."""
    kind = value.WhichOneof("kind") if value is not None else None
    if value is None or kind is None or kind == "null_value":
        return None
    if schema is not None and schema.name in _LOGICAL:
        return _LOGICAL[schema.name](value, schema)
    if kind == "bool_value":
        return value.bool_value
    if kind == "int_value":
        return value.int_value
    if kind == "float_value":
        return _float_to_json(value.float_value, schema)
    if kind == "string_value":
        return value.string_value
    if kind == "bytes_value":
        return base64.b64encode(value.bytes_value).decode("ascii")
    if kind == "array_value":
        element_schema = _child(schema, "element_schema")
        return [value_to_json(element, element_schema) for element in value.array_value.elements]
    if kind == "map_value":
        return _map_to_json(value.map_value, schema)
    if kind == "struct_value":
        return _struct_to_json(value.struct_value, schema)
    raise ValueError(f"a Value of kind {kind}, which this version of the HTTP sink does not know")


def _child(schema: data_pb2.Schema | None, field: str) -> data_pb2.Schema | None:
    return getattr(schema, field) if schema is not None and schema.HasField(field) else None


def _float_to_json(number: float, schema: data_pb2.Schema | None) -> JsonValue:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if schema is not None and schema.type == data_pb2.SCHEMA_TYPE_FLOAT32:
        return _shortest_float32(number)
    return number


def _shortest_float32(number: float) -> float:
    """The shortest decimal that reads back as the same 32-bit float, as Java prints a float; without
    it a FLOAT32 0.1 would travel as 0.10000000149011612."""
    as_float32 = struct.unpack("<f", struct.pack("<f", number))[0]
    for digits in range(1, 10):
        candidate = float(f"{as_float32:.{digits}g}")
        if struct.unpack("<f", struct.pack("<f", candidate))[0] == as_float32:
            return candidate
    return as_float32


def _map_to_json(entries: data_pb2.MapValue, schema: data_pb2.Schema | None) -> JsonValue:
    key_schema = _child(schema, "key_schema")
    value_schema = _child(schema, "value_schema")
    if all(entry.key.WhichOneof("kind") == "string_value" for entry in entries.entries):
        return {entry.key.string_value: value_to_json(entry.value, value_schema) for entry in entries.entries}
    # JSON object keys are strings; other keys (ints, structs) keep their type in a list of pairs.
    return [
        {"key": value_to_json(entry.key, key_schema), "value": value_to_json(entry.value, value_schema)}
        for entry in entries.entries
    ]


def _struct_to_json(struct_value: data_pb2.StructValue, schema: data_pb2.Schema | None) -> JsonValue:
    given = {field.name: field.value for field in struct_value.fields}
    rendered: dict[str, JsonValue] = {}
    for field in schema.fields if schema is not None else ():
        field_schema = field.schema if field.HasField("schema") else None
        if field.name in given:
            rendered[field.name] = value_to_json(given.pop(field.name), field_schema)
        elif field_schema is not None and field_schema.HasField("default_value"):
            rendered[field.name] = value_to_json(field_schema.default_value, field_schema)
        else:
            rendered[field.name] = None
    # Fields the schema does not name (or every field, without a schema) are kept, in value order.
    for name, field_value in given.items():
        rendered[name] = value_to_json(field_value, None)
    return rendered


def _decimal_to_json(value: data_pb2.Value, schema: data_pb2.Schema) -> JsonValue:
    if value.WhichOneof("kind") != "bytes_value":
        raise ValueError(f"a Decimal must be bytes, but this one is {value.WhichOneof('kind')}")
    scale_text = schema.parameters.get("scale")
    try:
        scale = int(scale_text) if scale_text is not None else None
    except ValueError:
        scale = None
    if scale is None:
        raise ValueError(f'a Decimal schema needs an integer parameters["scale"], not {scale_text!r}')
    unscaled = int.from_bytes(value.bytes_value, "big", signed=True)
    # Built from text, which is exact at any size (Decimal arithmetic such as scaleb would round to the
    # context's 28 digits); "f" keeps every digit of the scale ("1.50", "0.001") and never switches to
    # exponent form.
    return format(Decimal(f"{unscaled}E{-scale}"), "f")


def _date_to_json(value: data_pb2.Value, schema: data_pb2.Schema) -> JsonValue:
    days = _int_of(value, "Date")
    try:
        return (_EPOCH_DATE + timedelta(days=days)).isoformat()
    except OverflowError:
        raise ValueError(f"a Date of {days} days since 1970-01-01 is outside years 1 to 9999") from None


def _time_to_json(value: data_pb2.Value, schema: data_pb2.Schema) -> JsonValue:
    millis = _int_of(value, "Time")
    if not 0 <= millis < _MS_PER_DAY:
        raise ValueError(f"a Time is milliseconds since midnight, 0 to 86399999, not {millis}")
    instant = _EPOCH + timedelta(milliseconds=millis)
    return instant.time().isoformat(timespec="milliseconds") + "Z"


def _timestamp_to_json(value: data_pb2.Value, schema: data_pb2.Schema) -> JsonValue:
    millis = _int_of(value, "Timestamp")
    try:
        instant = _EPOCH + timedelta(milliseconds=millis)
    except OverflowError:
        raise ValueError(f"a Timestamp of {millis} ms since the epoch is outside years 1 to 9999") from None
    return instant.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _int_of(value: data_pb2.Value, logical: str) -> int:
    if value.WhichOneof("kind") != "int_value":
        raise ValueError(f"a {logical} must be an integer, but this one is {value.WhichOneof('kind')}")
    return value.int_value


_LOGICAL = {
    DECIMAL: _decimal_to_json,
    DATE: _date_to_json,
    TIME: _time_to_json,
    TIMESTAMP: _timestamp_to_json,
}
