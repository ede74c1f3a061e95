from connectmesh_gen.connectmesh.v1 import record_pb2 as _record_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ErrorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ERROR_KIND_UNSPECIFIED: _ClassVar[ErrorKind]
    ERROR_KIND_RETRIABLE: _ClassVar[ErrorKind]
    ERROR_KIND_FATAL: _ClassVar[ErrorKind]
ERROR_KIND_UNSPECIFIED: ErrorKind
ERROR_KIND_RETRIABLE: ErrorKind
ERROR_KIND_FATAL: ErrorKind

class ConnectorError(_message.Message):
    __slots__ = ("kind", "message", "record_index", "error_class", "stack_trace", "trace")
    KIND_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    RECORD_INDEX_FIELD_NUMBER: _ClassVar[int]
    ERROR_CLASS_FIELD_NUMBER: _ClassVar[int]
    STACK_TRACE_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    kind: ErrorKind
    message: str
    record_index: int
    error_class: str
    stack_trace: str
    trace: _record_pb2.TraceContext
    def __init__(self, kind: _Optional[_Union[ErrorKind, str]] = ..., message: _Optional[str] = ..., record_index: _Optional[int] = ..., error_class: _Optional[str] = ..., stack_trace: _Optional[str] = ..., trace: _Optional[_Union[_record_pb2.TraceContext, _Mapping]] = ...) -> None: ...
