from connectmesh_gen.connectmesh.v1 import config_pb2 as _config_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PluginKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLUGIN_KIND_UNSPECIFIED: _ClassVar[PluginKind]
    PLUGIN_KIND_SOURCE: _ClassVar[PluginKind]
    PLUGIN_KIND_SINK: _ClassVar[PluginKind]
PLUGIN_KIND_UNSPECIFIED: PluginKind
PLUGIN_KIND_SOURCE: PluginKind
PLUGIN_KIND_SINK: PluginKind

class Plugin(_message.Message):
    __slots__ = ("class_name", "aliases", "kind", "version", "description", "configs", "reads_packed_batches")
    CLASS_NAME_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CONFIGS_FIELD_NUMBER: _ClassVar[int]
    READS_PACKED_BATCHES_FIELD_NUMBER: _ClassVar[int]
    class_name: str
    aliases: _containers.RepeatedScalarFieldContainer[str]
    kind: PluginKind
    version: str
    description: str
    configs: _containers.RepeatedCompositeFieldContainer[_config_pb2.ConfigDefinition]
    reads_packed_batches: bool
    def __init__(self, class_name: _Optional[str] = ..., aliases: _Optional[_Iterable[str]] = ..., kind: _Optional[_Union[PluginKind, str]] = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., configs: _Optional[_Iterable[_Union[_config_pb2.ConfigDefinition, _Mapping]]] = ..., reads_packed_batches: _Optional[bool] = ...) -> None: ...

class DescribeRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DescribeResponse(_message.Message):
    __slots__ = ("plugins",)
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    plugins: _containers.RepeatedCompositeFieldContainer[Plugin]
    def __init__(self, plugins: _Optional[_Iterable[_Union[Plugin, _Mapping]]] = ...) -> None: ...

class ValidateRequest(_message.Message):
    __slots__ = ("plugin", "config")
    class ConfigEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    config: _containers.ScalarMap[str, str]
    def __init__(self, plugin: _Optional[str] = ..., config: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateResponse(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[_config_pb2.ConfigValueResult]
    def __init__(self, values: _Optional[_Iterable[_Union[_config_pb2.ConfigValueResult, _Mapping]]] = ...) -> None: ...

class PlanRequest(_message.Message):
    __slots__ = ("plugin", "connector_name", "config", "max_tasks")
    class ConfigEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    CONNECTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    MAX_TASKS_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    connector_name: str
    config: _containers.ScalarMap[str, str]
    max_tasks: int
    def __init__(self, plugin: _Optional[str] = ..., connector_name: _Optional[str] = ..., config: _Optional[_Mapping[str, str]] = ..., max_tasks: _Optional[int] = ...) -> None: ...

class PlanResponse(_message.Message):
    __slots__ = ("tasks",)
    TASKS_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[TaskConfig]
    def __init__(self, tasks: _Optional[_Iterable[_Union[TaskConfig, _Mapping]]] = ...) -> None: ...

class TaskConfig(_message.Message):
    __slots__ = ("config",)
    class ConfigEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    config: _containers.ScalarMap[str, str]
    def __init__(self, config: _Optional[_Mapping[str, str]] = ...) -> None: ...
