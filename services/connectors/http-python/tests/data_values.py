"""Short builders for Data API values and records, so tests read as data."""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf import struct_pb2

from connectmesh_gen.connectmesh.v1 import data_pb2, record_pb2

Value = data_pb2.Value
Schema = data_pb2.Schema


def null() -> Value:
    return Value(null_value=struct_pb2.NULL_VALUE)


def boolean(value: bool) -> Value:
    return Value(bool_value=value)


def integer(value: int) -> Value:
    return Value(int_value=value)


def double(value: float) -> Value:
    return Value(float_value=value)


def string(value: str) -> Value:
    return Value(string_value=value)


def raw_bytes(value: bytes) -> Value:
    return Value(bytes_value=value)


def array(*elements: Value) -> Value:
    return Value(array_value=data_pb2.ArrayValue(elements=elements))


def mapping(*entries: tuple[Value, Value]) -> Value:
    return Value(map_value=data_pb2.MapValue(entries=[data_pb2.MapEntry(key=k, value=v) for k, v in entries]))


def struct(**fields: Value) -> Value:
    return Value(
        struct_value=data_pb2.StructValue(
            fields=[data_pb2.StructField(name=n, value=v) for n, v in fields.items()]
        )
    )


def logical(name: str, type_: int, **parameters: str) -> Schema:
    return Schema(type=type_, name=name, parameters=parameters)


def record(
    value: Value | None,
    *,
    key: Value | None = None,
    topic: str = "orders",
    partition: int = 0,
    offset: int = 0,
    value_schema: Schema | None = None,
    headers: Sequence[record_pb2.Header] = (),
    timestamp_ms: int | None = None,
) -> record_pb2.Record:
    built = record_pb2.Record(
        topic=topic,
        kafka_position=record_pb2.KafkaPosition(topic=topic, partition=partition, offset=offset),
        headers=headers,
    )
    if value is not None:
        built.value.CopyFrom(value)
    if key is not None:
        built.key.CopyFrom(key)
    if value_schema is not None:
        built.value_schema.CopyFrom(value_schema)
    if timestamp_ms is not None:
        built.timestamp_ms = timestamp_ms
    return built


def records(count: int, *, first_offset: int = 0) -> list[record_pb2.Record]:
    """`count` records on orders-0 with values "v<offset>" at consecutive offsets."""
    return [record(string(f"v{o}"), offset=o) for o in range(first_offset, first_offset + count)]
