from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ConfigType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONFIG_TYPE_UNSPECIFIED: _ClassVar[ConfigType]
    CONFIG_TYPE_BOOLEAN: _ClassVar[ConfigType]
    CONFIG_TYPE_STRING: _ClassVar[ConfigType]
    CONFIG_TYPE_INT: _ClassVar[ConfigType]
    CONFIG_TYPE_SHORT: _ClassVar[ConfigType]
    CONFIG_TYPE_LONG: _ClassVar[ConfigType]
    CONFIG_TYPE_DOUBLE: _ClassVar[ConfigType]
    CONFIG_TYPE_LIST: _ClassVar[ConfigType]
    CONFIG_TYPE_CLASS: _ClassVar[ConfigType]
    CONFIG_TYPE_PASSWORD: _ClassVar[ConfigType]

class ConfigImportance(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONFIG_IMPORTANCE_UNSPECIFIED: _ClassVar[ConfigImportance]
    CONFIG_IMPORTANCE_HIGH: _ClassVar[ConfigImportance]
    CONFIG_IMPORTANCE_MEDIUM: _ClassVar[ConfigImportance]
    CONFIG_IMPORTANCE_LOW: _ClassVar[ConfigImportance]
CONFIG_TYPE_UNSPECIFIED: ConfigType
CONFIG_TYPE_BOOLEAN: ConfigType
CONFIG_TYPE_STRING: ConfigType
CONFIG_TYPE_INT: ConfigType
CONFIG_TYPE_SHORT: ConfigType
CONFIG_TYPE_LONG: ConfigType
CONFIG_TYPE_DOUBLE: ConfigType
CONFIG_TYPE_LIST: ConfigType
CONFIG_TYPE_CLASS: ConfigType
CONFIG_TYPE_PASSWORD: ConfigType
CONFIG_IMPORTANCE_UNSPECIFIED: ConfigImportance
CONFIG_IMPORTANCE_HIGH: ConfigImportance
CONFIG_IMPORTANCE_MEDIUM: ConfigImportance
CONFIG_IMPORTANCE_LOW: ConfigImportance

class ConfigValidator(_message.Message):
    __slots__ = ("range", "allowed", "non_empty", "pattern")
    RANGE_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_FIELD_NUMBER: _ClassVar[int]
    NON_EMPTY_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    range: NumberRange
    allowed: AllowedValues
    non_empty: NonEmptyString
    pattern: str
    def __init__(self, range: _Optional[_Union[NumberRange, _Mapping]] = ..., allowed: _Optional[_Union[AllowedValues, _Mapping]] = ..., non_empty: _Optional[_Union[NonEmptyString, _Mapping]] = ..., pattern: _Optional[str] = ...) -> None: ...

class NumberRange(_message.Message):
    __slots__ = ("min", "max")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    min: float
    max: float
    def __init__(self, min: _Optional[float] = ..., max: _Optional[float] = ...) -> None: ...

class AllowedValues(_message.Message):
    __slots__ = ("values", "case_insensitive")
    VALUES_FIELD_NUMBER: _ClassVar[int]
    CASE_INSENSITIVE_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    case_insensitive: bool
    def __init__(self, values: _Optional[_Iterable[str]] = ..., case_insensitive: _Optional[bool] = ...) -> None: ...

class NonEmptyString(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ConfigDefinition(_message.Message):
    __slots__ = ("name", "type", "default_value", "required", "importance", "documentation", "group", "order_in_group", "display_name", "dependents", "validators", "secret")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTATION_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    ORDER_IN_GROUP_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DEPENDENTS_FIELD_NUMBER: _ClassVar[int]
    VALIDATORS_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: ConfigType
    default_value: str
    required: bool
    importance: ConfigImportance
    documentation: str
    group: str
    order_in_group: int
    display_name: str
    dependents: _containers.RepeatedScalarFieldContainer[str]
    validators: _containers.RepeatedCompositeFieldContainer[ConfigValidator]
    secret: bool
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[ConfigType, str]] = ..., default_value: _Optional[str] = ..., required: _Optional[bool] = ..., importance: _Optional[_Union[ConfigImportance, str]] = ..., documentation: _Optional[str] = ..., group: _Optional[str] = ..., order_in_group: _Optional[int] = ..., display_name: _Optional[str] = ..., dependents: _Optional[_Iterable[str]] = ..., validators: _Optional[_Iterable[_Union[ConfigValidator, _Mapping]]] = ..., secret: _Optional[bool] = ...) -> None: ...

class ConfigValueResult(_message.Message):
    __slots__ = ("name", "value", "recommended_values", "errors", "visible")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_VALUES_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    VISIBLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    recommended_values: _containers.RepeatedScalarFieldContainer[str]
    errors: _containers.RepeatedScalarFieldContainer[str]
    visible: bool
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ..., recommended_values: _Optional[_Iterable[str]] = ..., errors: _Optional[_Iterable[str]] = ..., visible: _Optional[bool] = ...) -> None: ...
