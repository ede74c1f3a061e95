from connectmesh_gen.connectmesh.v1 import data_pb2 as _data_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Header(_message.Message):
    __slots__ = ("key", "value", "schema")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: _data_pb2.Value
    schema: _data_pb2.Schema
    def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., schema: _Optional[_Union[_data_pb2.Schema, _Mapping]] = ...) -> None: ...

class KafkaPosition(_message.Message):
    __slots__ = ("topic", "partition", "offset")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    topic: str
    partition: int
    offset: int
    def __init__(self, topic: _Optional[str] = ..., partition: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class TraceContext(_message.Message):
    __slots__ = ("traceparent", "tracestate", "unsampled")
    TRACEPARENT_FIELD_NUMBER: _ClassVar[int]
    TRACESTATE_FIELD_NUMBER: _ClassVar[int]
    UNSAMPLED_FIELD_NUMBER: _ClassVar[int]
    traceparent: str
    tracestate: str
    unsampled: bool
    def __init__(self, traceparent: _Optional[str] = ..., tracestate: _Optional[str] = ..., unsampled: _Optional[bool] = ...) -> None: ...

class Record(_message.Message):
    __slots__ = ("key", "key_schema", "value", "value_schema", "headers", "timestamp_ms", "topic", "kafka_partition", "source_partition", "source_offset", "kafka_position", "trace")
    KEY_FIELD_NUMBER: _ClassVar[int]
    KEY_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    VALUE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_MS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    KAFKA_PARTITION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PARTITION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_OFFSET_FIELD_NUMBER: _ClassVar[int]
    KAFKA_POSITION_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    key: _data_pb2.Value
    key_schema: _data_pb2.Schema
    value: _data_pb2.Value
    value_schema: _data_pb2.Schema
    headers: _containers.RepeatedCompositeFieldContainer[Header]
    timestamp_ms: int
    topic: str
    kafka_partition: int
    source_partition: _data_pb2.Value
    source_offset: _data_pb2.Value
    kafka_position: KafkaPosition
    trace: TraceContext
    def __init__(self, key: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., key_schema: _Optional[_Union[_data_pb2.Schema, _Mapping]] = ..., value: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., value_schema: _Optional[_Union[_data_pb2.Schema, _Mapping]] = ..., headers: _Optional[_Iterable[_Union[Header, _Mapping]]] = ..., timestamp_ms: _Optional[int] = ..., topic: _Optional[str] = ..., kafka_partition: _Optional[int] = ..., source_partition: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., source_offset: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., kafka_position: _Optional[_Union[KafkaPosition, _Mapping]] = ..., trace: _Optional[_Union[TraceContext, _Mapping]] = ...) -> None: ...

class PackedRecords(_message.Message):
    __slots__ = ("topic", "kafka_partition", "key_schema", "keys", "value_schema", "values", "timestamp_base_ms", "timestamp_deltas_ms", "source_partition", "last_source_offset", "unsampled", "kafka_base_offset", "kafka_offset_deltas")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    KAFKA_PARTITION_FIELD_NUMBER: _ClassVar[int]
    KEY_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    VALUE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_BASE_MS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_DELTAS_MS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PARTITION_FIELD_NUMBER: _ClassVar[int]
    LAST_SOURCE_OFFSET_FIELD_NUMBER: _ClassVar[int]
    UNSAMPLED_FIELD_NUMBER: _ClassVar[int]
    KAFKA_BASE_OFFSET_FIELD_NUMBER: _ClassVar[int]
    KAFKA_OFFSET_DELTAS_FIELD_NUMBER: _ClassVar[int]
    topic: str
    kafka_partition: int
    key_schema: _data_pb2.Schema
    keys: _containers.RepeatedScalarFieldContainer[bytes]
    value_schema: _data_pb2.Schema
    values: _containers.RepeatedScalarFieldContainer[bytes]
    timestamp_base_ms: int
    timestamp_deltas_ms: _containers.RepeatedScalarFieldContainer[int]
    source_partition: _data_pb2.Value
    last_source_offset: _data_pb2.Value
    unsampled: bool
    kafka_base_offset: int
    kafka_offset_deltas: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, topic: _Optional[str] = ..., kafka_partition: _Optional[int] = ..., key_schema: _Optional[_Union[_data_pb2.Schema, _Mapping]] = ..., keys: _Optional[_Iterable[bytes]] = ..., value_schema: _Optional[_Union[_data_pb2.Schema, _Mapping]] = ..., values: _Optional[_Iterable[bytes]] = ..., timestamp_base_ms: _Optional[int] = ..., timestamp_deltas_ms: _Optional[_Iterable[int]] = ..., source_partition: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., last_source_offset: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., unsampled: _Optional[bool] = ..., kafka_base_offset: _Optional[int] = ..., kafka_offset_deltas: _Optional[_Iterable[int]] = ...) -> None: ...

class SourceOffset(_message.Message):
    __slots__ = ("partition", "offset")
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    partition: _data_pb2.Value
    offset: _data_pb2.Value
    def __init__(self, partition: _Optional[_Union[_data_pb2.Value, _Mapping]] = ..., offset: _Optional[_Union[_data_pb2.Value, _Mapping]] = ...) -> None: ...

class TopicPartition(_message.Message):
    __slots__ = ("topic", "partition")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    topic: str
    partition: int
    def __init__(self, topic: _Optional[str] = ..., partition: _Optional[int] = ...) -> None: ...
