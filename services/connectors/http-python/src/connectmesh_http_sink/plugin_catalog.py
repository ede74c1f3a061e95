"""The plugins this service hosts, as Describe lists them, found by class name or alias.

One plugin today; the lookup is still by name and kind, as the contract asks of every connector service,
so that an unknown or wrong-kind name gets a NOT_FOUND that lists what is hosted.
"""

from __future__ import annotations

from connectmesh_gen.connectmesh.v1 import connector_pb2

from .errors import UnknownPluginError
from .sink_config import HTTP_SINK_CONFIG
from .version import VERSION

HTTP_SINK_CLASS = "dev.connectmesh.http.HttpSink"
HTTP_SINK_ALIASES = ("HttpSink", "http")

HTTP_SINK_PLUGIN = connector_pb2.Plugin(
    class_name=HTTP_SINK_CLASS,
    aliases=HTTP_SINK_ALIASES,
    kind=connector_pb2.PLUGIN_KIND_SINK,
    version=VERSION,
    description="POSTs batches of records from Kafka as JSON arrays to an HTTP endpoint",
    configs=HTTP_SINK_CONFIG.definitions,
    # write_session unpacks packed batches (packed_records.py) before the task sees them.
    reads_packed_batches=True,
)

HOSTED_PLUGINS: tuple[connector_pb2.Plugin, ...] = (HTTP_SINK_PLUGIN,)

_KIND_NAMES = {connector_pb2.PLUGIN_KIND_SOURCE: "source", connector_pb2.PLUGIN_KIND_SINK: "sink"}


def find_plugin(name: str, kind: int | None = None) -> connector_pb2.Plugin:
    """The hosted plugin called `name` (exactly, as Connect matches connector.class), of `kind` if
    given; raises UnknownPluginError listing the hosted plugins."""
    for plugin in HOSTED_PLUGINS:
        is_named = name == plugin.class_name or name in plugin.aliases
        if is_named and (kind is None or plugin.kind == kind):
            return plugin
    raise UnknownPluginError(name, _KIND_NAMES.get(kind, "any"), _hosted_names())


def kind_name(plugin: connector_pb2.Plugin) -> str:
    """ "source" or "sink", as the service registry spells a plugin's kind."""
    return _KIND_NAMES[plugin.kind]


def _hosted_names() -> list[str]:
    return [
        f"{plugin.class_name} ({kind_name(plugin)}; also {', '.join(plugin.aliases)})"
        if plugin.aliases
        else f"{plugin.class_name} ({kind_name(plugin)})"
        for plugin in HOSTED_PLUGINS
    ]
