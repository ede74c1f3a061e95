"""libs/telemetry's sampling rules, for this service's spans: per record, by the connector's
`trace.sampling.ratio`, decided from the trace id's random bits so that a record's trace is whole or
absent across every process and language; a failure always recorded.

The decision travels with the context a span starts in (per-connector ratios do not fit one global
sampler): forced (a failure) is sampled; with a parent, the parent's decision; a root with a ratio (a
record's first hop) by its trace id; any other root is sampled. Dropped spans still get valid ids. A
record marked `unsampled` comes here only if it fails, forced (see sink_tracing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult

from .errors import ConfigError, ConfigProblem

SAMPLING_RATIO_KEY = "trace.sampling.ratio"
# Every record is traced unless its connector says otherwise, as on the TypeScript side: tracing is off
# until an OTLP endpoint is set, so turning it on is the operator's choice of cost already.
DEFAULT_SAMPLING_RATIO = 1.0

_FORCE_SAMPLING = otel_context.create_key("connect-mesh.force-sampling")
_SAMPLING_RATIO = otel_context.create_key("connect-mesh.sampling-ratio")
# What libs/telemetry accepts: no sign, no hex, no "inf" or "nan".
_DECIMAL = re.compile(r"^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$", re.IGNORECASE)
# 2^52: the range of the 13 hex digits read.
_RANDOM_RANGE = 2**52


def with_forced_sampling(context: otel_context.Context) -> otel_context.Context:
    """`context` with the next span started in it recorded, whatever its parent decided."""
    return otel_context.set_value(_FORCE_SAMPLING, True, context)


def with_sampling_ratio(context: otel_context.Context, ratio: float) -> otel_context.Context:
    """`context` with a root span started in it sampled at `ratio` instead of always."""
    return otel_context.set_value(_SAMPLING_RATIO, ratio, context)


def is_sampled_by_ratio(trace_id: int, ratio: float) -> bool:
    """Whether a trace id falls in the sampled share `ratio`: the same 52 bits libs/telemetry reads (the
    high 52 of the id's 56 low bits, random by W3C Trace Context level 2)."""
    if ratio >= 1:
        return True
    if ratio <= 0:
        return False
    return int(f"{trace_id:032x}"[-14:-1], 16) < ratio * _RANDOM_RANGE


def sampling_ratio_from(config: Mapping[str, str]) -> float:
    """The connector's ratio; the default when absent or empty; a ConfigError naming the key otherwise."""
    text = config.get(SAMPLING_RATIO_KEY, "").strip()
    if text == "":
        return DEFAULT_SAMPLING_RATIO
    ratio = float(text) if _DECIMAL.match(text) else -1.0
    if not 0 <= ratio <= 1:
        raise ConfigError(
            "the task config",
            [
                ConfigProblem(
                    SAMPLING_RATIO_KEY,
                    f'must be a number from 0 to 1 (the share of records traced), not "{text}"',
                )
            ],
        )
    return ratio


_SAMPLED = Decision.RECORD_AND_SAMPLE
_DROPPED = Decision.DROP


class RecordSampler(Sampler):
    """The sampler of this service's tracer provider; see the module's doc."""

    def should_sample(
        self,
        parent_context: otel_context.Context | None,
        trace_id: int,
        name: str,
        kind: trace.SpanKind | None = None,
        attributes: Mapping[str, object] | None = None,
        links: Sequence[trace.Link] | None = None,
        trace_state: trace.TraceState | None = None,
    ) -> SamplingResult:
        parent = trace.get_current_span(parent_context).get_span_context()
        state = parent.trace_state if parent.is_valid else None
        if otel_context.get_value(_FORCE_SAMPLING, parent_context) is True:
            return SamplingResult(_SAMPLED, attributes, state)
        if parent.is_valid:
            return SamplingResult(_SAMPLED if parent.trace_flags.sampled else _DROPPED, attributes, state)
        ratio = otel_context.get_value(_SAMPLING_RATIO, parent_context)
        if isinstance(ratio, float) and not is_sampled_by_ratio(trace_id, ratio):
            return SamplingResult(_DROPPED, None, state)
        return SamplingResult(_SAMPLED, attributes, state)

    def get_description(self) -> str:
        return "RecordSampler{forced, else parent, else the record's trace.sampling.ratio}"
