"""One sink task's tracing, as connector-sdk's TaskTracing does it on the TypeScript side: a
`sink write record` span per record continuing the record's trace (Record.trace), and a `sink write` span
per batch linked to the sampled record spans, as a child of the context the worker put on the call's
metadata. Names and attributes are libs/telemetry's.

A record's sampling was decided at its first hop. One that carries a W3C context continues it, sampled or
not; one marked `unsampled` (its first hop started its trace and did not sample it, so it carries no ids)
starts nothing here, whatever this connector's ratio; only a record with no trace at all starts one, at
this connector's `trace.sampling.ratio`. A failed record is always recorded: an unsampled record's span is
recorded anew, forced, as a child of the dropped one, so it keeps the record's trace id, or, for a record
marked `unsampled`, as the root of a new trace.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.propagators.textmap import DefaultGetter
from opentelemetry.trace import Link, Span, SpanKind, Status, StatusCode, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from connectmesh_gen.connectmesh.v1 import record_pb2

from .record_sampler import sampling_ratio_from, with_forced_sampling, with_sampling_ratio

SINK_WRITE_BATCH = "sink write"
SINK_WRITE_RECORD = "sink write record"
SINK_WRITE_HOP = "sink-write"
SAMPLED_ON_ERROR_ATTRIBUTE = "connect-mesh.sampled_on_error"

T = TypeVar("T")
Attributes = dict[str, str | int | bool]

# Used directly rather than through a global propagator, as libs/telemetry does.
_W3C = TraceContextTextMapPropagator()


def from_record_trace(record_trace: record_pb2.TraceContext) -> otel_context.Context:
    """The context a record's trace continues from; an empty one when it carries none."""
    if not record_trace.traceparent:
        return otel_context.Context()
    carrier = {"traceparent": record_trace.traceparent}
    if record_trace.tracestate:
        carrier["tracestate"] = record_trace.tracestate
    return _W3C.extract(carrier, context=otel_context.Context())


def to_record_trace(context: otel_context.Context) -> record_pb2.TraceContext:
    """`context`'s trace as the contract's TraceContext (empty when it carries none)."""
    carrier: dict[str, str] = {}
    _W3C.inject(carrier, context=context)
    return record_pb2.TraceContext(
        traceparent=carrier.get("traceparent", ""), tracestate=carrier.get("tracestate", "")
    )


def from_call_metadata(metadata: Sequence[tuple[str, str | bytes]]) -> otel_context.Context:
    """The context a gRPC call's metadata carries (sent once, when the call starts)."""
    carrier: dict[str, list[str]] = {}
    for key, value in metadata:
        if key in ("traceparent", "tracestate") and isinstance(value, str):
            carrier.setdefault(key, []).append(value)
    return _W3C.extract(carrier, context=otel_context.Context(), getter=DefaultGetter())


class HopSpan:
    """One hop's span with the failure rule on top: fail() always ends in a recorded span."""

    def __init__(
        self,
        tracer: Tracer,
        name: str,
        kind: SpanKind,
        start_in: otel_context.Context | None,
        parent: otel_context.Context,
        attributes: Attributes,
        links: Sequence[Link] = (),
    ) -> None:
        """Starts the span in `start_in`, or, when it is None (a record marked unsampled), starts none:
        the hop has no ids then, and fail() records its span as the root of a new trace."""
        self._tracer = tracer
        self._name = name
        self._kind = kind
        self._attributes = attributes
        self._start_ns = time.time_ns()
        self.span: Span = trace.INVALID_SPAN
        if start_in is not None:
            self.span = tracer.start_span(
                name,
                context=start_in,
                kind=kind,
                attributes=attributes,
                links=links,
                start_time=self._start_ns,
            )
        self.context = trace.set_span_in_context(self.span, parent)

    @property
    def is_recording(self) -> bool:
        return self.span.is_recording()

    def fail(self, error: BaseException) -> None:
        if not self.span.is_recording():
            self.span = self._tracer.start_span(
                self._name,
                context=with_forced_sampling(self.context),
                kind=self._kind,
                attributes={**self._attributes, SAMPLED_ON_ERROR_ATTRIBUTE: True},
                start_time=self._start_ns,
            )
            self.context = trace.set_span_in_context(self.span, self.context)
        self.span.record_exception(error)
        self.span.set_attribute("error.type", type(error).__name__)
        self.span.set_status(Status(StatusCode.ERROR, str(error)))

    def end(self) -> None:
        self.span.end()


class BatchSpans:
    """The spans of one batch, ended together once the batch is answered."""

    def __init__(self, batch: HopSpan, records: Sequence[HopSpan]) -> None:
        self._batch = batch
        self._records = records

    def run(self, work: Callable[[], T]) -> T:
        """Runs the plugin's work with the batch span active, so its log lines carry the trace."""
        token = otel_context.attach(self._batch.context)
        try:
            return work()
        finally:
            otel_context.detach(token)

    def fail(self, error: BaseException, record_index: int | None) -> record_pb2.TraceContext | None:
        """The batch failed; with `record_index`, that record did, and its span is recorded whatever its
        sampling said: its trace is returned for ConnectorError.trace, so the worker's dead letter hop
        joins it. The others did not fail themselves, but those recorded show the batch's error."""
        self._batch.fail(error)
        for index, span in enumerate(self._records):
            if index == record_index or span.is_recording:
                span.fail(error)
        if record_index is None or record_index >= len(self._records):
            return None
        return to_record_trace(self._records[record_index].context)

    def end(self) -> None:
        for span in self._records:
            span.end()
        self._batch.end()


class SinkTaskTracing:
    """One sink task's spans, its connector, task and sampling ratio bound."""

    def __init__(
        self,
        tracer: Tracer,
        connector: str,
        task: int,
        config: Mapping[str, str],
        call_metadata: Sequence[tuple[str, str | bytes]],
    ) -> None:
        self._tracer = tracer
        self._ratio = sampling_ratio_from(config)
        self._task_attributes: Attributes = {
            "connect-mesh.connector": connector,
            "connect-mesh.task": task,
            "connect-mesh.hop": SINK_WRITE_HOP,
        }
        self._call = from_call_metadata(call_metadata)

    def start_batch(self, records: Sequence[record_pb2.Record]) -> BatchSpans:
        """Starts the spans of a batch the worker sent, each record's continuing its trace (or, for the
        records that carry none, starting theirs, sampled or not together: decided once per batch at the
        connector's ratio, as the worker and the other services decide; for a record marked unsampled,
        starting nothing)."""
        batch_ratio = 1.0 if random.random() < self._ratio else 0.0
        record_spans = [self._record_span(record, batch_ratio) for record in records]
        links = [
            Link(span.span.get_span_context())
            for span in record_spans
            if span.span.get_span_context().trace_flags.sampled
        ]
        start_in = self._call
        if links:
            start_in = with_forced_sampling(self._call)
        elif not trace.get_current_span(self._call).get_span_context().is_valid:
            start_in = with_sampling_ratio(self._call, 0.0)
        attributes = {**self._task_attributes, "messaging.batch.message_count": len(records)}
        batch = HopSpan(
            self._tracer, SINK_WRITE_BATCH, SpanKind.INTERNAL, start_in, self._call, attributes, links
        )
        return BatchSpans(batch, record_spans)

    def _record_span(self, record: record_pb2.Record, batch_ratio: float) -> HopSpan:
        parent = from_record_trace(record.trace)
        start_in: otel_context.Context | None = parent
        if record.trace.unsampled:
            # Decided at its first hop: sampling it here at this connector's ratio would trace records
            # the source side chose not to.
            start_in = None
        elif not trace.get_current_span(parent).get_span_context().is_valid:
            start_in = with_sampling_ratio(parent, batch_ratio)
        attributes = self._record_attributes(record)
        return HopSpan(self._tracer, SINK_WRITE_RECORD, SpanKind.CONSUMER, start_in, parent, attributes)

    def _record_attributes(self, record: record_pb2.Record) -> Attributes:
        attributes: Attributes = {**self._task_attributes, "messaging.system": "kafka"}
        if record.HasField("kafka_position"):
            position = record.kafka_position
            attributes["messaging.destination.name"] = position.topic
            attributes["messaging.destination.partition.id"] = str(position.partition)
            attributes["messaging.kafka.offset"] = position.offset
        else:
            attributes["messaging.destination.name"] = record.topic
        return attributes


class UntracedBatch:
    """Tracing off: the plugin's work runs as it is, and nothing is recorded."""

    def run(self, work: Callable[[], T]) -> T:
        return work()

    def fail(self, error: BaseException, record_index: int | None) -> record_pb2.TraceContext | None:
        return None

    def end(self) -> None:
        pass
