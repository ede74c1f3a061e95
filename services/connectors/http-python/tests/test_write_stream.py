"""SinkService.Write over gRPC against the service in-process, POSTing to a local HTTP receiver."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import grpc
import pytest
from data_values import integer, logical, record, records, string
from http_receiver import HttpReceiver
from write_stream import WriteStream

from connectmesh_gen.connectmesh.v1 import data_pb2, error_pb2, record_pb2, sink_pb2
from connectmesh_http_sink.value_json import TIMESTAMP


def sink_config(receiver_url: str, **overrides: str) -> dict[str, str]:
    # Short waits, so retry tests take well under a second.
    return {"http.url": receiver_url, "retry.backoff.ms": "10", "retry.max.ms": "2000", **overrides}


@pytest.fixture
def stream(channel: grpc.Channel) -> Iterator[WriteStream]:
    opened = WriteStream(channel)
    yield opened
    # Frees the server's thread for this stream now, rather than when the module's server stops.
    opened.cancel()


def offsets(posted: list[dict[str, object]]) -> list[object]:
    return [r["offset"] for r in posted]


class TestAcks:
    def test_batches_are_posted_and_acked_in_order(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        stream.open(sink_config(receiver.url))
        first = stream.batch(records(2, first_offset=0))
        second = stream.batch(records(3, first_offset=2))
        assert stream.receive() == sink_pb2.WriteResponse(ack=sink_pb2.WriteAck(sequence=first))
        assert stream.receive() == sink_pb2.WriteResponse(ack=sink_pb2.WriteAck(sequence=second))
        assert offsets(receiver.accepted_records) == [0, 1, 2, 3, 4]
        assert stream.close() == []

    def test_a_packed_batch_is_posted_as_its_records(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        stream.open(sink_config(receiver.url))
        run = record_pb2.PackedRecords(
            topic="orders",
            kafka_partition=0,
            value_schema=data_pb2.Schema(type=data_pb2.SCHEMA_TYPE_STRING),
            values=[b"v7", b"v8", b"v9"],
            kafka_base_offset=7,
        )
        sequence = stream.packed_batch([run])
        assert stream.receive() == sink_pb2.WriteResponse(ack=sink_pb2.WriteAck(sequence=sequence))
        assert offsets(receiver.accepted_records) == [7, 8, 9]
        assert [r["value"] for r in receiver.accepted_records] == ["v7", "v8", "v9"]

    def test_a_batch_larger_than_batch_max_records_is_posted_in_chunks(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        stream.open(sink_config(receiver.url, **{"batch.max.records": "2"}))
        stream.batch(records(5))
        assert stream.receive().HasField("ack")
        assert [offsets(request.records) for request in receiver.requests] == [[0, 1], [2, 3], [4]]

    def test_the_body_is_a_json_array_of_records_with_the_configured_headers(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        stream.open(sink_config(receiver.url, **{"http.headers": "Authorization: Bearer t0k|X-Team: data"}))
        stream.batch(
            [
                record(
                    integer(1_709_300_700_250),
                    key=string("k"),
                    topic="orders",
                    partition=2,
                    offset=41,
                    value_schema=logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64),
                    headers=[record_pb2.Header(key="h", value=string("v"))],
                    timestamp_ms=5,
                )
            ]
        )
        assert stream.receive().HasField("ack")
        (request,) = receiver.requests
        assert request.path == "/ingest"
        assert request.headers["Content-Type"] == "application/json"
        assert request.headers["Authorization"] == "Bearer t0k"
        assert request.headers["X-Team"] == "data"
        assert request.records == [
            {
                "topic": "orders",
                "partition": 2,
                "offset": 41,
                "key": "k",
                "value": "2024-03-01T13:45:00.250Z",
                "headers": [{"key": "h", "value": "v"}],
                "timestamp": 5,
            }
        ]

    def test_flush_is_answered_flushed(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        stream.open(sink_config(receiver.url))
        sequence = stream.batch(records(1))
        stream.flush(sequence)
        assert stream.receive().HasField("ack")
        assert stream.receive() == sink_pb2.WriteResponse(
            flushed=sink_pb2.FlushResponse(through_sequence=sequence)
        )

    def test_partition_changes_are_accepted(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        stream.open(sink_config(receiver.url))
        stream.send(
            sink_pb2.WriteRequest(
                partitions=sink_pb2.PartitionsChange(
                    assigned=[record_pb2.TopicPartition(topic="orders", partition=1)],
                    revoked=[record_pb2.TopicPartition(topic="orders", partition=0)],
                )
            )
        )
        stream.batch(records(1))
        assert stream.receive().HasField("ack")


class TestRetries:
    def test_a_receiver_down_for_a_while_is_retried_until_it_accepts(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        receiver.answer(503, times=3, body="down for maintenance")
        stream.open(sink_config(receiver.url))
        sequence = stream.batch(records(2))
        assert stream.receive() == sink_pb2.WriteResponse(ack=sink_pb2.WriteAck(sequence=sequence))
        assert [r.status for r in receiver.requests] == [503, 503, 503, 200]
        assert offsets(receiver.accepted_records) == [0, 1]

    def test_429_is_retried_too(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        receiver.answer(429, times=1, retry_after_s=0)
        stream.open(sink_config(receiver.url))
        stream.batch(records(1))
        assert stream.receive().HasField("ack")
        assert [r.status for r in receiver.requests] == [429, 200]

    def test_a_receiver_that_stays_down_gets_a_retriable_error_at_the_first_record_not_accepted(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        # The first chunk (records 0-1) goes through; then the receiver stays down.
        receiver.answer(200, times=1)
        receiver.answer_always(503, "down for maintenance")
        stream.open(sink_config(receiver.url, **{"batch.max.records": "2", "retry.max.ms": "200"}))
        sequence = stream.batch(records(5))
        answer = stream.receive()
        assert answer.WhichOneof("message") == "error"
        assert answer.error.sequence == sequence
        error = answer.error.error
        assert error.kind == error_pb2.ERROR_KIND_RETRIABLE
        assert error.HasField("record_index") and error.record_index == 2
        assert "503" in error.message and "down for maintenance" in error.message
        assert error.error_class == "HTTPError"
        assert offsets(receiver.accepted_records) == [0, 1]
        assert len(receiver.requests) > 2, "the failing chunk should have been retried before giving up"

    def test_the_stream_goes_on_after_an_error(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        receiver.answer_always(503)
        stream.open(sink_config(receiver.url, **{"retry.max.ms": "0"}))
        stream.batch(records(1))
        assert stream.receive().error.error.kind == error_pb2.ERROR_KIND_RETRIABLE
        receiver.answer_always(200)
        sequence = stream.batch(records(1))
        assert stream.receive() == sink_pb2.WriteResponse(ack=sink_pb2.WriteAck(sequence=sequence))

    def test_an_unreachable_receiver_is_retriable(self, stream: WriteStream) -> None:
        with socket.socket() as placeholder:
            placeholder.bind(("127.0.0.1", 0))
            closed_port = placeholder.getsockname()[1]
        stream.open(sink_config(f"http://127.0.0.1:{closed_port}/ingest", **{"retry.max.ms": "50"}))
        stream.batch(records(3))
        error = stream.receive().error.error
        assert error.kind == error_pb2.ERROR_KIND_RETRIABLE and error.record_index == 0
        assert "failed" in error.message and "ingest" in error.message


class TestRejections:
    def test_a_4xx_is_fatal_at_the_record_the_receiver_refuses(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        receiver.reject_offsets(4, status=400, body='{"error":"field amount is required"}' + "x" * 2000)
        stream.open(sink_config(receiver.url, **{"batch.max.records": "3"}))
        sequence = stream.batch(records(7))
        answer = stream.receive()
        assert answer.error.sequence == sequence
        error = answer.error.error
        assert error.kind == error_pb2.ERROR_KIND_FATAL
        assert error.record_index == 4
        assert "400" in error.message and "field amount is required" in error.message
        assert "(truncated)" in error.message and len(error.message) < 1200
        # The records before it arrived; nothing after it was sent: the worker decides what happens to it.
        assert offsets(receiver.accepted_records) == [0, 1, 2, 3]

    def test_a_4xx_is_not_retried(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        receiver.answer(401, body="bad token")
        stream.open(sink_config(receiver.url))
        stream.batch(records(1))
        assert stream.receive().error.error.kind == error_pb2.ERROR_KIND_FATAL
        assert len(receiver.requests) == 1

    def test_a_redirect_is_fatal_and_not_followed(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        receiver.answer(301)
        stream.open(sink_config(receiver.url))
        stream.batch(records(1))
        error = stream.receive().error.error
        assert error.kind == error_pb2.ERROR_KIND_FATAL and "301" in error.message
        assert len(receiver.requests) == 1

    def test_an_unrenderable_record_is_fatal_at_its_index_after_the_records_before_it_were_sent(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        bad = record(
            string("not a timestamp"), offset=2, value_schema=logical(TIMESTAMP, data_pb2.SCHEMA_TYPE_INT64)
        )
        stream.open(sink_config(receiver.url))
        stream.batch([*records(2), bad, *records(1, first_offset=3)])
        error = stream.receive().error.error
        assert error.kind == error_pb2.ERROR_KIND_FATAL and error.record_index == 2
        assert "record 2" in error.message
        assert offsets(receiver.accepted_records) == [0, 1]


class TestStreamRules:
    def test_the_first_request_must_be_open(self, stream: WriteStream) -> None:
        stream.batch(records(1))
        with pytest.raises(grpc.RpcError) as raised:
            stream.receive()
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "must be open" in raised.value.details()

    def test_batches_must_be_numbered_from_one(self, stream: WriteStream, receiver: HttpReceiver) -> None:
        stream.open(sink_config(receiver.url))
        stream.send(sink_pb2.WriteRequest(batch=sink_pb2.SinkBatch(sequence=2, records=records(1))))
        with pytest.raises(grpc.RpcError) as raised:
            stream.receive()
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "expected batch 1, got batch 2" in raised.value.details()

    def test_a_flush_past_the_last_batch_is_refused(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        stream.open(sink_config(receiver.url))
        stream.flush(1)
        with pytest.raises(grpc.RpcError) as raised:
            stream.receive()
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    def test_opening_an_unknown_plugin_is_not_found(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        stream.open(sink_config(receiver.url), plugin="FileStreamSink")
        with pytest.raises(grpc.RpcError) as raised:
            stream.receive()
        assert raised.value.code() == grpc.StatusCode.NOT_FOUND

    def test_opening_with_a_bad_config_is_invalid_argument(self, stream: WriteStream) -> None:
        stream.open({"http.url": "nowhere"})
        with pytest.raises(grpc.RpcError) as raised:
            stream.receive()
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "http.url" in raised.value.details()

    def test_a_stream_ended_right_after_open_ends_cleanly(
        self, stream: WriteStream, receiver: HttpReceiver
    ) -> None:
        stream.open(sink_config(receiver.url))
        assert stream.close() == []
