from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SchemaType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCHEMA_TYPE_UNSPECIFIED: _ClassVar[SchemaType]
    SCHEMA_TYPE_INT8: _ClassVar[SchemaType]
    SCHEMA_TYPE_INT16: _ClassVar[SchemaType]
    SCHEMA_TYPE_INT32: _ClassVar[SchemaType]
    SCHEMA_TYPE_INT64: _ClassVar[SchemaType]
    SCHEMA_TYPE_FLOAT32: _ClassVar[SchemaType]
    SCHEMA_TYPE_FLOAT64: _ClassVar[SchemaType]
    SCHEMA_TYPE_BOOLEAN: _ClassVar[SchemaType]
    SCHEMA_TYPE_STRING: _ClassVar[SchemaType]
    SCHEMA_TYPE_BYTES: _ClassVar[SchemaType]
    SCHEMA_TYPE_ARRAY: _ClassVar[SchemaType]
    SCHEMA_TYPE_MAP: _ClassVar[SchemaType]
    SCHEMA_TYPE_STRUCT: _ClassVar[SchemaType]
SCHEMA_TYPE_UNSPECIFIED: SchemaType
SCHEMA_TYPE_INT8: SchemaType
SCHEMA_TYPE_INT16: SchemaType
SCHEMA_TYPE_INT32: SchemaType
SCHEMA_TYPE_INT64: SchemaType
SCHEMA_TYPE_FLOAT32: SchemaType
SCHEMA_TYPE_FLOAT64: SchemaType
SCHEMA_TYPE_BOOLEAN: SchemaType
SCHEMA_TYPE_STRING: SchemaType
SCHEMA_TYPE_BYTES: SchemaType
SCHEMA_TYPE_ARRAY: SchemaType
SCHEMA_TYPE_MAP: SchemaType
SCHEMA_TYPE_STRUCT: SchemaType

class Schema(_message.Message):
    __slots__ = ("type", "optional", "name", "version", "doc", "parameters", "fields", "key_schema", "value_schema", "element_schema", "default_value")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TYPE_FIELD_NUMBER: _ClassVar[int]
    OPTIONAL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DOC_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    KEY_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    VALUE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    ELEMENT_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    type: SchemaType
    optional: bool
    name: str
    version: int
    doc: str
    parameters: _containers.ScalarMap[str, str]
    fields: _containers.RepeatedCompositeFieldContainer[Field]
    key_schema: Schema
    value_schema: Schema
    element_schema: Schema
    default_value: Value
    def __init__(self, type: _Optional[_Union[SchemaType, str]] = ..., optional: _Optional[bool] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., doc: _Optional[str] = ..., parameters: _Optional[_Mapping[str, str]] = ..., fields: _Optional[_Iterable[_Union[Field, _Mapping]]] = ..., key_schema: _Optional[_Union[Schema, _Mapping]] = ..., value_schema: _Optional[_Union[Schema, _Mapping]] = ..., element_schema: _Optional[_Union[Schema, _Mapping]] = ..., default_value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...

class Field(_message.Message):
    __slots__ = ("name", "index", "schema")
    NAME_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    name: str
    index: int
    schema: Schema
    def __init__(self, name: _Optional[str] = ..., index: _Optional[int] = ..., schema: _Optional[_Union[Schema, _Mapping]] = ...) -> None: ...

class Value(_message.Message):
    __slots__ = ("null_value", "bool_value", "int_value", "float_value", "string_value", "bytes_value", "array_value", "map_value", "struct_value")
    NULL_VALUE_FIELD_NUMBER: _ClassVar[int]
    BOOL_VALUE_FIELD_NUMBER: _ClassVar[int]
    INT_VALUE_FIELD_NUMBER: _ClassVar[int]
    FLOAT_VALUE_FIELD_NUMBER: _ClassVar[int]
    STRING_VALUE_FIELD_NUMBER: _ClassVar[int]
    BYTES_VALUE_FIELD_NUMBER: _ClassVar[int]
    ARRAY_VALUE_FIELD_NUMBER: _ClassVar[int]
    MAP_VALUE_FIELD_NUMBER: _ClassVar[int]
    STRUCT_VALUE_FIELD_NUMBER: _ClassVar[int]
    null_value: _struct_pb2.NullValue
    bool_value: bool
    int_value: int
    float_value: float
    string_value: str
    bytes_value: bytes
    array_value: ArrayValue
    map_value: MapValue
    struct_value: StructValue
    def __init__(self, null_value: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., bool_value: _Optional[bool] = ..., int_value: _Optional[int] = ..., float_value: _Optional[float] = ..., string_value: _Optional[str] = ..., bytes_value: _Optional[bytes] = ..., array_value: _Optional[_Union[ArrayValue, _Mapping]] = ..., map_value: _Optional[_Union[MapValue, _Mapping]] = ..., struct_value: _Optional[_Union[StructValue, _Mapping]] = ...) -> None: ...

class ArrayValue(_message.Message):
    __slots__ = ("elements",)
    ELEMENTS_FIELD_NUMBER: _ClassVar[int]
    elements: _containers.RepeatedCompositeFieldContainer[Value]
    def __init__(self, elements: _Optional[_Iterable[_Union[Value, _Mapping]]] = ...) -> None: ...

class MapValue(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[MapEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[MapEntry, _Mapping]]] = ...) -> None: ...

class MapEntry(_message.Message):
    __slots__ = ("key", "value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: Value
    value: Value
    def __init__(self, key: _Optional[_Union[Value, _Mapping]] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...

class StructValue(_message.Message):
    __slots__ = ("fields",)
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[StructField]
    def __init__(self, fields: _Optional[_Iterable[_Union[StructField, _Mapping]]] = ...) -> None: ...

class StructField(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: Value
    def __init__(self, name: _Optional[str] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...
