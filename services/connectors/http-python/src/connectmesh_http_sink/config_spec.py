"""A plugin's config keys, defined once.

The ConfigDefinitions that Describe returns, the per-key results that Validate returns and the parse that
Plan and Write use all come from one list of ConfigKey, so they cannot drift apart (the TypeScript SDK's
defineConfig does the same). Messages use Kafka Connect's wording so that users moving from Connect
recognise them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from connectmesh_gen.connectmesh.v1 import config_pb2

from .config_parse import ParsedValue, parse_config_text
from .errors import ConfigError, ConfigProblem


class _Required:
    """The default of a key that has none and so must be given."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()

# What Validate shows instead of a secret's value, as the TypeScript SDK does.
HIDDEN = "[hidden]"


@dataclass(frozen=True)
class ConfigKey:
    """One config key (Connect's ConfigDef.ConfigKey)."""

    name: str
    type: int
    documentation: str
    # REQUIRED: must be given. None: optional, with no value when absent. Otherwise the parsed default.
    default: Any = REQUIRED
    importance: int = config_pb2.CONFIG_IMPORTANCE_MEDIUM
    display_name: str = ""
    group: str = ""
    # Rules the contract can express; they travel in Describe so a UI can show them.
    validators: Sequence[config_pb2.ConfigValidator] = ()
    # A rule the contract cannot express (e.g. "an http or https URL"): returns what is wrong, or None.
    # Its shape should also be told in `documentation`, since it does not travel in Describe.
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)

    @property
    def is_secret(self) -> bool:
        return self.type == config_pb2.CONFIG_TYPE_PASSWORD


class ConfigSpec:
    """The keys of one plugin, in definition order."""

    def __init__(self, keys: Sequence[ConfigKey]) -> None:
        self.keys = tuple(keys)
        positions: dict[str, int] = {}
        definitions = []
        for key in self.keys:
            positions[key.group] = positions.get(key.group, 0) + 1
            definitions.append(_definition_of(key, positions[key.group]))
            _check_own_default(key)
        self.definitions: tuple[config_pb2.ConfigDefinition, ...] = tuple(definitions)

    def validate(self, config: Mapping[str, str]) -> list[config_pb2.ConfigValueResult]:
        """One result per defined key, with every problem found; keys the spec does not define (the
        runtime's tasks.max, topics, converters, ...) are ignored."""
        results = []
        for key in self.keys:
            text = config.get(key.name)
            _, errors = _evaluate(key, text)
            result = config_pb2.ConfigValueResult(name=key.name, errors=errors, visible=True)
            if text is not None:
                result.value = HIDDEN if key.is_secret else text
            results.append(result)
        return results

    def parse(self, config: Mapping[str, str]) -> dict[str, Any]:
        """The parsed values by key name; raises ConfigError listing every problem."""
        values: dict[str, Any] = {}
        problems: list[ConfigProblem] = []
        for key in self.keys:
            value, errors = _evaluate(key, config.get(key.name))
            values[key.name] = value
            problems.extend(ConfigProblem(key.name, message) for message in errors)
        if problems:
            raise ConfigError("the connector config", problems)
        return values


def _evaluate(key: ConfigKey, text: str | None) -> tuple[Any, list[str]]:
    if text is None:
        if key.default is REQUIRED:
            return None, [f'Missing required configuration "{key.name}" which has no default value.']
        return key.default, []
    shown = HIDDEN if key.is_secret else text
    try:
        value = parse_config_text(key.type, text)
    except ValueError as problem:
        return None, [f"Invalid value {shown} for configuration {key.name}: {problem}"]
    problems = [check_validator(validator, value) for validator in key.validators]
    if key.check is not None:
        problems.append(key.check(value))
    errors = [f"Invalid value {shown} for configuration {key.name}: {p}" for p in problems if p]
    return value, errors


def check_validator(validator: config_pb2.ConfigValidator, value: ParsedValue) -> str | None:
    """What is wrong with `value` under one contract rule, in Connect's words, or None. A list is checked
    element by element, as Connect's ValidList does."""
    if isinstance(value, tuple):
        return next((p for p in (check_validator(validator, v) for v in value) if p), None)
    rule = validator.WhichOneof("rule")
    if rule == "range":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        bounds = validator.range
        if bounds.HasField("min") and value < bounds.min:
            return f"Value must be at least {_number(bounds.min)}"
        if bounds.HasField("max") and value > bounds.max:
            return f"Value must be no more than {_number(bounds.max)}"
        return None
    if rule == "allowed":
        allowed = validator.allowed
        text = str(value)
        if allowed.case_insensitive:
            found = text.lower() in (v.lower() for v in allowed.values)
        else:
            found = text in allowed.values
        if found:
            return None
        insensitive = " (case insensitive)" if allowed.case_insensitive else ""
        return f"String must be one of{insensitive}: {', '.join(allowed.values)}"
    if rule == "non_empty":
        return "String may not be empty" if value == "" else None
    if rule == "pattern":
        # The contract's patterns are ECMAScript; the ones used here are also valid Python syntax.
        if re.fullmatch(validator.pattern, str(value)):
            return None
        return f"Value must match the pattern {validator.pattern}"
    return None


def _number(bound: float) -> str:
    return str(int(bound)) if bound.is_integer() else str(bound)


def _definition_of(key: ConfigKey, position: int) -> config_pb2.ConfigDefinition:
    definition = config_pb2.ConfigDefinition(
        name=key.name,
        type=key.type,
        required=key.default is REQUIRED,
        importance=key.importance,
        documentation=key.documentation,
        group=key.group,
        order_in_group=position,
        display_name=key.display_name or key.name,
        validators=list(key.validators),
        secret=key.is_secret,
    )
    if key.default is not REQUIRED and key.default is not None:
        definition.default_value = _format_default(key.default)
    return definition


def _format_default(value: ParsedValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def _check_own_default(key: ConfigKey) -> None:
    """A default that breaks its own rule is a bug in the plugin: fail at import, not in a user's face."""
    if key.default is REQUIRED or key.default is None:
        return
    problems = [check_validator(validator, key.default) for validator in key.validators]
    if key.check is not None:
        problems.append(key.check(key.default))
    broken = [p for p in problems if p]
    if broken:
        raise ValueError(f'config key "{key.name}" has a default that breaks its own rule: {broken[0]}')


def range_rule(*, min: float | None = None, max: float | None = None) -> config_pb2.ConfigValidator:
    """A number within bounds, both inclusive; leave a bound out to keep that side open."""
    return config_pb2.ConfigValidator(range=config_pb2.NumberRange(min=min, max=max))


def non_empty_rule() -> config_pb2.ConfigValidator:
    """A string that is not empty (Connect's NonEmptyString)."""
    return config_pb2.ConfigValidator(non_empty=config_pb2.NonEmptyString())
