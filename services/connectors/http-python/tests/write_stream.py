"""Drives one SinkService.Write stream from a test the way the worker does: send a request, read the
answer. Requests go through a queue, so the test decides when each one is sent."""

from __future__ import annotations

import queue
from collections.abc import Iterator, Mapping, Sequence

import grpc

from connectmesh_gen.connectmesh.v1 import record_pb2, sink_pb2, sink_pb2_grpc

# The whole stream's deadline: a service that never answers fails the test instead of hanging it.
STREAM_DEADLINE_S = 30


class WriteStream:
    def __init__(self, channel: grpc.Channel) -> None:
        self._requests: queue.Queue[sink_pb2.WriteRequest | None] = queue.Queue()
        self._responses: Iterator[sink_pb2.WriteResponse] = sink_pb2_grpc.SinkServiceStub(channel).Write(
            self._request_iterator(), timeout=STREAM_DEADLINE_S
        )
        self._next_sequence = 1

    def _request_iterator(self) -> Iterator[sink_pb2.WriteRequest]:
        while (request := self._requests.get()) is not None:
            yield request

    def send(self, request: sink_pb2.WriteRequest) -> None:
        self._requests.put(request)

    def open(self, config: Mapping[str, str], plugin: str = "http") -> None:
        self.send(
            sink_pb2.WriteRequest(
                open=sink_pb2.WriteOpen(
                    plugin=plugin, connector_name="orders-to-http", task_id=0, config=config
                )
            )
        )

    def batch(self, records: Sequence[record_pb2.Record]) -> int:
        """Sends the next batch; its sequence number."""
        sequence = self._next_sequence
        self._next_sequence += 1
        self.send(sink_pb2.WriteRequest(batch=sink_pb2.SinkBatch(sequence=sequence, records=records)))
        return sequence

    def packed_batch(self, runs: Sequence[record_pb2.PackedRecords]) -> int:
        """Sends the next batch in the packed form; its sequence number."""
        sequence = self._next_sequence
        self._next_sequence += 1
        self.send(sink_pb2.WriteRequest(batch=sink_pb2.SinkBatch(sequence=sequence, packed=runs)))
        return sequence

    def flush(self, through: int) -> None:
        self.send(sink_pb2.WriteRequest(flush=sink_pb2.FlushRequest(through_sequence=through)))

    def receive(self) -> sink_pb2.WriteResponse:
        return next(self._responses)

    def cancel(self) -> None:
        """Drops the stream, as a worker that dies would; safe after close()."""
        self._requests.put(None)
        self._responses.cancel()  # type: ignore[attr-defined] - the call object is also a grpc.Future

    def close(self) -> list[sink_pb2.WriteResponse]:
        """Ends the stream as the worker does to stop the task; the answers still unread."""
        self._requests.put(None)
        return list(self._responses)
