"""Parses a config value from its string form, the way Kafka Connect's ConfigDef.parseType does.

Strings and passwords are taken as given, everything else is trimmed first; booleans are "true" or
"false" in any case; integers must fit their width; a list is comma-separated with the spaces around each
comma dropped, and an empty text is an empty list. Same rules as the TypeScript SDK's config-parse.ts, so
a config means the same thing whichever language hosts the connector.
"""

from __future__ import annotations

import re

from connectmesh_gen.connectmesh.v1 import config_pb2

ParsedValue = bool | int | float | str | tuple[str, ...]

_INTEGER = re.compile(r"[+-]?\d+")
# Java's Double.parseDouble accepts more (hex floats, a trailing "d"), but no one writes those in a config.
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:Infinity|NaN)")

_INTEGER_BOUNDS: dict[int, tuple[str, int, int]] = {
    config_pb2.CONFIG_TYPE_SHORT: ("SHORT", -(2**15), 2**15 - 1),
    config_pb2.CONFIG_TYPE_INT: ("INT", -(2**31), 2**31 - 1),
    config_pb2.CONFIG_TYPE_LONG: ("LONG", -(2**63), 2**63 - 1),
}


def parse_config_text(config_type: int, text: str) -> ParsedValue:
    """The typed value of `text`; raises ValueError with Connect's wording when it does not parse."""
    if config_type in (config_pb2.CONFIG_TYPE_STRING, config_pb2.CONFIG_TYPE_PASSWORD):
        return text
    if config_type == config_pb2.CONFIG_TYPE_CLASS:
        return text.strip()
    if config_type == config_pb2.CONFIG_TYPE_BOOLEAN:
        lower = text.strip().lower()
        if lower not in ("true", "false"):
            raise ValueError("Expected value to be either true or false")
        return lower == "true"
    if config_type in _INTEGER_BOUNDS:
        name, lowest, highest = _INTEGER_BOUNDS[config_type]
        trimmed = text.strip()
        if not _INTEGER.fullmatch(trimmed) or not lowest <= int(trimmed) <= highest:
            raise ValueError(f"Not a number of type {name}")
        return int(trimmed)
    if config_type == config_pb2.CONFIG_TYPE_DOUBLE:
        trimmed = text.strip()
        if not _DECIMAL.fullmatch(trimmed):
            raise ValueError("Not a number of type DOUBLE")
        return float(trimmed.replace("Infinity", "inf"))
    if config_type == config_pb2.CONFIG_TYPE_LIST:
        trimmed = text.strip()
        return () if trimmed == "" else tuple(re.split(r"\s*,\s*", trimmed))
    raise ValueError(f"the plugin defines this key with an unknown type ({config_type})")
