from connectmesh_gen.connectmesh.v1 import error_pb2 as _error_pb2
from connectmesh_gen.connectmesh.v1 import record_pb2 as _record_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WriteRequest(_message.Message):
    __slots__ = ("open", "batch", "flush", "partitions")
    OPEN_FIELD_NUMBER: _ClassVar[int]
    BATCH_FIELD_NUMBER: _ClassVar[int]
    FLUSH_FIELD_NUMBER: _ClassVar[int]
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    open: WriteOpen
    batch: SinkBatch
    flush: FlushRequest
    partitions: PartitionsChange
    def __init__(self, open: _Optional[_Union[WriteOpen, _Mapping]] = ..., batch: _Optional[_Union[SinkBatch, _Mapping]] = ..., flush: _Optional[_Union[FlushRequest, _Mapping]] = ..., partitions: _Optional[_Union[PartitionsChange, _Mapping]] = ...) -> None: ...

class WriteOpen(_message.Message):
    __slots__ = ("plugin", "connector_name", "task_id", "config", "assigned")
    class ConfigEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    CONNECTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    connector_name: str
    task_id: int
    config: _containers.ScalarMap[str, str]
    assigned: _containers.RepeatedCompositeFieldContainer[_record_pb2.TopicPartition]
    def __init__(self, plugin: _Optional[str] = ..., connector_name: _Optional[str] = ..., task_id: _Optional[int] = ..., config: _Optional[_Mapping[str, str]] = ..., assigned: _Optional[_Iterable[_Union[_record_pb2.TopicPartition, _Mapping]]] = ...) -> None: ...

class SinkBatch(_message.Message):
    __slots__ = ("sequence", "records", "packed")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    PACKED_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    records: _containers.RepeatedCompositeFieldContainer[_record_pb2.Record]
    packed: _containers.RepeatedCompositeFieldContainer[_record_pb2.PackedRecords]
    def __init__(self, sequence: _Optional[int] = ..., records: _Optional[_Iterable[_Union[_record_pb2.Record, _Mapping]]] = ..., packed: _Optional[_Iterable[_Union[_record_pb2.PackedRecords, _Mapping]]] = ...) -> None: ...

class FlushRequest(_message.Message):
    __slots__ = ("through_sequence",)
    THROUGH_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    through_sequence: int
    def __init__(self, through_sequence: _Optional[int] = ...) -> None: ...

class PartitionsChange(_message.Message):
    __slots__ = ("assigned", "revoked")
    ASSIGNED_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    assigned: _containers.RepeatedCompositeFieldContainer[_record_pb2.TopicPartition]
    revoked: _containers.RepeatedCompositeFieldContainer[_record_pb2.TopicPartition]
    def __init__(self, assigned: _Optional[_Iterable[_Union[_record_pb2.TopicPartition, _Mapping]]] = ..., revoked: _Optional[_Iterable[_Union[_record_pb2.TopicPartition, _Mapping]]] = ...) -> None: ...

class WriteResponse(_message.Message):
    __slots__ = ("ack", "error", "flushed")
    ACK_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    FLUSHED_FIELD_NUMBER: _ClassVar[int]
    ack: WriteAck
    error: WriteError
    flushed: FlushResponse
    def __init__(self, ack: _Optional[_Union[WriteAck, _Mapping]] = ..., error: _Optional[_Union[WriteError, _Mapping]] = ..., flushed: _Optional[_Union[FlushResponse, _Mapping]] = ...) -> None: ...

class WriteAck(_message.Message):
    __slots__ = ("sequence",)
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    def __init__(self, sequence: _Optional[int] = ...) -> None: ...

class WriteError(_message.Message):
    __slots__ = ("sequence", "error")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    error: _error_pb2.ConnectorError
    def __init__(self, sequence: _Optional[int] = ..., error: _Optional[_Union[_error_pb2.ConnectorError, _Mapping]] = ...) -> None: ...

class FlushResponse(_message.Message):
    __slots__ = ("through_sequence",)
    THROUGH_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    through_sequence: int
    def __init__(self, through_sequence: _Optional[int] = ...) -> None: ...
