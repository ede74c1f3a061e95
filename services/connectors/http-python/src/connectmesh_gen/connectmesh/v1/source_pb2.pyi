from connectmesh_gen.connectmesh.v1 import error_pb2 as _error_pb2
from connectmesh_gen.connectmesh.v1 import record_pb2 as _record_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReadRequest(_message.Message):
    __slots__ = ("open", "credit", "ack")
    OPEN_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    ACK_FIELD_NUMBER: _ClassVar[int]
    open: ReadOpen
    credit: ReadCredit
    ack: ReadAck
    def __init__(self, open: _Optional[_Union[ReadOpen, _Mapping]] = ..., credit: _Optional[_Union[ReadCredit, _Mapping]] = ..., ack: _Optional[_Union[ReadAck, _Mapping]] = ...) -> None: ...

class ReadOpen(_message.Message):
    __slots__ = ("plugin", "connector_name", "task_id", "config", "offsets")
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
    OFFSETS_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    connector_name: str
    task_id: int
    config: _containers.ScalarMap[str, str]
    offsets: _containers.RepeatedCompositeFieldContainer[_record_pb2.SourceOffset]
    def __init__(self, plugin: _Optional[str] = ..., connector_name: _Optional[str] = ..., task_id: _Optional[int] = ..., config: _Optional[_Mapping[str, str]] = ..., offsets: _Optional[_Iterable[_Union[_record_pb2.SourceOffset, _Mapping]]] = ...) -> None: ...

class ReadCredit(_message.Message):
    __slots__ = ("batches",)
    BATCHES_FIELD_NUMBER: _ClassVar[int]
    batches: int
    def __init__(self, batches: _Optional[int] = ...) -> None: ...

class ReadAck(_message.Message):
    __slots__ = ("through_sequence",)
    THROUGH_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    through_sequence: int
    def __init__(self, through_sequence: _Optional[int] = ...) -> None: ...

class ReadResponse(_message.Message):
    __slots__ = ("batch", "error")
    BATCH_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    batch: SourceBatch
    error: _error_pb2.ConnectorError
    def __init__(self, batch: _Optional[_Union[SourceBatch, _Mapping]] = ..., error: _Optional[_Union[_error_pb2.ConnectorError, _Mapping]] = ...) -> None: ...

class SourceBatch(_message.Message):
    __slots__ = ("sequence", "records", "packed")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    PACKED_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    records: _containers.RepeatedCompositeFieldContainer[_record_pb2.Record]
    packed: _containers.RepeatedCompositeFieldContainer[_record_pb2.PackedRecords]
    def __init__(self, sequence: _Optional[int] = ..., records: _Optional[_Iterable[_Union[_record_pb2.Record, _Mapping]]] = ..., packed: _Optional[_Iterable[_Union[_record_pb2.PackedRecords, _Mapping]]] = ...) -> None: ...
