"""The sink's spans, through the real Write stream with the service in-process, into an in-memory
exporter: `sink write record` continuing each record's Record.trace, `sink write` linked to them under the
call's context, a failed record always recorded, and the sampling rules as libs/telemetry has them."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import grpc
import pytest
from data_values import logical, record, records, string
from http_receiver import HttpReceiver
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from write_stream import WriteStream

from connectmesh_gen.connectmesh.v1 import data_pb2, record_pb2
from connectmesh_http_sink.connector_server import ConnectorServer
from connectmesh_http_sink.errors import ConfigError
from connectmesh_http_sink.json_log import JsonFormatter
from connectmesh_http_sink.record_sampler import RecordSampler, is_sampled_by_ratio, sampling_ratio_from
from connectmesh_http_sink.sink_tracing import from_call_metadata
from connectmesh_http_sink.value_json import TIMESTAMP

UPSTREAM_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
SAMPLED_PARENT = f"00-{UPSTREAM_TRACE}-00f067aa0ba902b7-01"
UNSAMPLED_PARENT = f"00-{UPSTREAM_TRACE}-00f067aa0ba902b7-00"


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def traced_stream(exporter: InMemorySpanExporter) -> Iterator[WriteStream]:
    provider = TracerProvider(sampler=RecordSampler())
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    server = ConnectorServer("127.0.0.1", 0, provider.get_tracer("test"))
    with grpc.insecure_channel(server.address) as channel:
        stream = WriteStream(channel)
        yield stream
        stream.cancel()
    server.stop(grace_s=0)
    provider.shutdown()


def traced(built: record_pb2.Record, traceparent: str) -> record_pb2.Record:
    built.trace.traceparent = traceparent
    return built


def named(exporter: InMemorySpanExporter, name: str) -> list[ReadableSpan]:
    return [span for span in exporter.get_finished_spans() if span.name == name]


def with_a_bad_timestamp() -> list[record_pb2.Record]:
    """A good record, then one at offset 1 whose value the sink cannot write (not a timestamp)."""
    timestamp = logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)
    return [*records(1), record(string("not a timestamp"), offset=1, value_schema=timestamp)]


def assert_recorded_because_it_failed(failed: ReadableSpan) -> None:
    """The span of the record at offset 1, recorded only because it failed, with its error."""
    assert failed.status.status_code == StatusCode.ERROR
    assert (failed.attributes or {})["connect-mesh.sampled_on_error"] is True
    assert (failed.attributes or {})["messaging.kafka.offset"] == 1
    assert [event.name for event in failed.events] == ["exception"]


def config(url: str, **extra: str) -> dict[str, str]:
    return {"http.url": url, "retry.backoff.ms": "10", "retry.max.ms": "200", **extra}


def test_each_record_span_continues_its_records_trace(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url))
    traced_stream.batch([traced(r, SAMPLED_PARENT) for r in records(2, first_offset=40)])
    assert traced_stream.receive().HasField("ack")

    record_spans = named(exporter, "sink write record")
    assert len(record_spans) == 2
    for offset, span in zip((40, 41), record_spans, strict=True):
        assert format(span.context.trace_id, "032x") == UPSTREAM_TRACE
        assert span.parent is not None and format(span.parent.span_id, "016x") == "00f067aa0ba902b7"
        assert span.kind == SpanKind.CONSUMER
        assert dict(span.attributes or {}) == {
            "connect-mesh.connector": "orders-to-http",
            "connect-mesh.task": 0,
            "connect-mesh.hop": "sink-write",
            "messaging.system": "kafka",
            "messaging.destination.name": "orders",
            "messaging.destination.partition.id": "0",
            "messaging.kafka.offset": offset,
        }
    (batch,) = named(exporter, "sink write")
    assert [link.context.span_id for link in batch.links] == [s.context.span_id for s in record_spans]
    assert (batch.attributes or {})["messaging.batch.message_count"] == 2


def test_unsampled_records_are_not_recorded(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url))
    traced_stream.batch([traced(r, UNSAMPLED_PARENT) for r in records(2)])
    assert traced_stream.receive().HasField("ack")
    assert exporter.get_finished_spans() == ()


def test_a_failed_record_is_recorded_in_its_trace_even_when_unsampled(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url))
    traced_stream.batch([traced(r, UNSAMPLED_PARENT) for r in with_a_bad_timestamp()])
    assert traced_stream.receive().error.error.record_index == 1

    (failed,) = named(exporter, "sink write record")
    assert format(failed.context.trace_id, "032x") == UPSTREAM_TRACE
    assert_recorded_because_it_failed(failed)
    # The batch failed too, and a failure is always recorded.
    assert named(exporter, "sink write")[0].status.status_code == StatusCode.ERROR


def test_a_record_without_a_trace_starts_one_at_the_connectors_ratio(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url, **{"trace.sampling.ratio": "0"}))
    traced_stream.batch(records(3))
    assert traced_stream.receive().HasField("ack")
    assert exporter.get_finished_spans() == ()


def test_a_record_without_a_trace_is_recorded_at_ratio_1(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url, **{"trace.sampling.ratio": "1"}))
    traced_stream.batch(records(2))
    assert traced_stream.receive().HasField("ack")

    record_spans = named(exporter, "sink write record")
    assert len(record_spans) == 2
    assert all(span.parent is None for span in record_spans)
    assert record_spans[0].context.trace_id != record_spans[1].context.trace_id


def test_records_without_a_trace_are_sampled_or_not_a_batch_at_a_time(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url, **{"trace.sampling.ratio": "0.5"}))
    traced_per_batch = []
    for _ in range(40):
        exporter.clear()
        traced_stream.batch(records(5))
        assert traced_stream.receive().HasField("ack")
        traced_per_batch.append(len(named(exporter, "sink write record")))
    # One decision per batch: all five traced or none.
    assert set(traced_per_batch) <= {0, 5}
    # Each way has a chance of 2^-40 of not showing at all.
    assert set(traced_per_batch) == {0, 5}


def unsampled(built: record_pb2.Record) -> record_pb2.Record:
    built.trace.unsampled = True
    return built


def test_a_record_marked_unsampled_is_not_sampled_again_whatever_the_ratio(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url, **{"trace.sampling.ratio": "1"}))
    traced_stream.batch([unsampled(r) for r in records(2)])
    assert traced_stream.receive().HasField("ack")
    assert exporter.get_finished_spans() == ()


def test_a_failed_record_marked_unsampled_is_recorded_in_a_new_trace(
    traced_stream: WriteStream, receiver: HttpReceiver, exporter: InMemorySpanExporter
) -> None:
    traced_stream.open(config(receiver.url, **{"trace.sampling.ratio": "1"}))
    traced_stream.batch([unsampled(r) for r in with_a_bad_timestamp()])
    error = traced_stream.receive().error.error
    assert error.record_index == 1

    # Only the failed record is recorded: the other was not sampled, and did not fail itself.
    (failed,) = named(exporter, "sink write record")
    assert failed.parent is None and failed.context.is_valid
    assert_recorded_because_it_failed(failed)
    assert named(exporter, "sink write")[0].status.status_code == StatusCode.ERROR
    # The worker's dead letter hop joins this trace, so the record's DLQ copy names it.
    span = failed.context
    version, trace_id, span_id, flags = error.trace.traceparent.split("-")
    assert (version, trace_id, span_id) == ("00", f"{span.trace_id:032x}", f"{span.span_id:016x}")
    assert int(flags, 16) & 1 == 1


def test_log_lines_written_under_a_span_carry_its_ids() -> None:
    provider = TracerProvider()
    with provider.get_tracer("test").start_as_current_span("hop") as span:
        logged = logging.makeLogRecord({"name": "connectmesh_http_sink.test", "msg": "posted"})
        line = json.loads(JsonFormatter().format(logged))
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert line["span_id"] == format(span.get_span_context().span_id, "016x")


# The same cases as libs/telemetry's record-sampler.test.ts: a record's decision must not depend on the
# language of the process that makes it.
@pytest.mark.parametrize(
    ("trace_id", "ratio", "expected"),
    [
        ("0123456789abcdef0000000000000001", 0, False),
        ("0123456789abcdef0000000000000001", 0.001, True),
        ("0123456789abcdef00fffffffffffffe", 0.999, False),
        ("0123456789abcdef00fffffffffffffe", 1, True),
        ("ffffffffffffffffff80000000000000", 0.5, False),
        ("ffffffffffffffffff7fffffffffffff", 0.5, True),
    ],
)
def test_is_sampled_by_ratio_decides_as_the_typescript_sampler(
    trace_id: str, ratio: float, expected: bool
) -> None:
    assert is_sampled_by_ratio(int(trace_id, 16), ratio) is expected


def test_sampling_ratio_from_reads_the_connectors_key() -> None:
    assert sampling_ratio_from({}) == 1.0
    assert sampling_ratio_from({"trace.sampling.ratio": " 0.25 "}) == 0.25
    for bad in ("1.5", "-0.1", "half", "nan", "inf"):
        with pytest.raises(ConfigError, match="trace.sampling.ratio"):
            sampling_ratio_from({"trace.sampling.ratio": bad})


def test_the_call_metadata_context_is_read_as_grpc_hands_it_over() -> None:
    context = from_call_metadata((("user-agent", "grpc-node"), ("traceparent", SAMPLED_PARENT)))
    span_context = trace.get_current_span(context).get_span_context()
    assert format(span_context.trace_id, "032x") == UPSTREAM_TRACE and span_context.is_remote
    assert not trace.get_current_span(from_call_metadata(())).get_span_context().is_valid
