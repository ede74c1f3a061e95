"""Serves one SinkService.Write stream, from `open` to the end, by the rules of sink.proto.

- The first request must be `open`; anything else ends the call with INVALID_ARGUMENT.
- Batches are numbered from 1, one more each; each is answered with exactly one `ack` or one `error`,
  in batch order. Requests are handled one at a time (gRPC hands this generator the next request only
  when it asks), so answers cannot overtake each other and at most one batch is held in memory.
- A batch the receiver does not take is answered in the stream (WriteResponse.error) and the stream goes
  on, since the worker retries or routes the records. A bad open, a broken stream rule or an unexpected
  bug ends the call with a gRPC status instead, because the contract has no in-stream answer for them.
- `flush` is answered `flushed` at once: a batch is acked only after every record of it was answered 2xx
  by the receiver, so by the time the worker flushes, everything acked is already as durable as the
  receiver makes it.
- `partitions` is accepted and logged: the sink holds nothing per partition, so there is nothing to
  release on revoke.
- When the worker ends the stream the task stops; nothing is sent on its own after that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import grpc
from opentelemetry.trace import Tracer

from connectmesh_gen.connectmesh.v1 import connector_pb2, error_pb2, sink_pb2

from .connector_error import to_connector_error
from .errors import PluginError, ProtocolError
from .grpc_status import abort_with
from .http_sink_task import HttpSinkTask
from .json_log import ContextLogger, component_logger
from .packed_records import batch_records
from .plugin_catalog import find_plugin
from .sink_config import parse_http_sink_config
from .sink_tracing import SinkTaskTracing, UntracedBatch


def serve_write(
    requests: Iterator[sink_pb2.WriteRequest], context: grpc.ServicerContext, tracer: Tracer | None = None
) -> Iterator[sink_pb2.WriteResponse]:
    """The Write handler's body: yields the answers to `requests`. `tracer` is None with tracing off."""
    logger = component_logger("write-stream")
    # Set when the call ends for any reason (the worker ended or cancelled it, the server was forced
    # down), so a retry wait inside the task stops at once instead of sleeping for a dead stream.
    cancelled = threading.Event()
    context.add_callback(cancelled.set)
    try:
        first = next(requests, None)
        if first is None:
            return
        if first.WhichOneof("message") != "open":
            raise ProtocolError(
                "the first WriteRequest must be open, not "
                f"{first.WhichOneof('message') or 'an empty message'}"
                "; this is a bug in the worker"
            )
        tracing = (
            None
            if tracer is None
            else SinkTaskTracing(
                tracer,
                first.open.connector_name,
                first.open.task_id,
                first.open.config,
                context.invocation_metadata() or (),
            )
        )
        session = SinkSession(first.open, cancelled, logger, tracing)
        yield from session.serve(requests)
    except grpc.RpcError:
        # The call is gone (cancelled, connection lost); there is no one left to tell.
        logger.info("a Write stream was cancelled")
        return
    except PluginError as error:
        # Expected failures (a bad open, a broken stream rule): the message says it all.
        logger.warning("a Write stream ended with an error", extra={"reason": error.message})
        abort_with(context, error)
    except Exception as error:  # noqa: BLE001 - every failure must end the call with a status
        logger.error("a Write stream failed unexpectedly; this is a bug in the HTTP sink", exc_info=error)
        abort_with(context, error)


class SinkSession:
    """One running sink task: the stream's state between `open` and the end."""

    def __init__(
        self,
        opened: sink_pb2.WriteOpen,
        cancelled: threading.Event,
        logger: ContextLogger,
        tracing: SinkTaskTracing | None = None,
    ) -> None:
        self._tracing = tracing
        plugin = find_plugin(opened.plugin, connector_pb2.PLUGIN_KIND_SINK)
        config = parse_http_sink_config(opened.config)
        self._logger = logger.child(
            connector=opened.connector_name, task=opened.task_id, plugin=plugin.class_name
        )
        self._task = HttpSinkTask(config, cancelled, self._logger.child(component="http-sink-task"))
        self._last_batch = 0
        self._logger.info(
            "sink task started",
            extra={"assigned": len(opened.assigned), "url": self._task.shown_url},
        )

    def serve(self, requests: Iterator[sink_pb2.WriteRequest]) -> Iterator[sink_pb2.WriteResponse]:
        for request in requests:
            which = request.WhichOneof("message")
            if which == "batch":
                yield self._write(request.batch)
            elif which == "flush":
                yield self._flush(request.flush)
            elif which == "partitions":
                self._change_partitions(request.partitions)
            else:
                raise ProtocolError(
                    f"after open, a WriteRequest must be batch, flush or partitions, not "
                    f"{which or 'an empty message'}; this is a bug in the worker"
                )
        self._logger.info("sink task stopped", extra={"batches": self._last_batch})

    def _write(self, batch: sink_pb2.SinkBatch) -> sink_pb2.WriteResponse:
        if batch.sequence != self._last_batch + 1:
            raise ProtocolError(
                f"expected batch {self._last_batch + 1}, got batch {batch.sequence}; "
                "this is a bug in the worker"
            )
        self._last_batch = batch.sequence
        records = batch_records(batch)
        spans = UntracedBatch() if self._tracing is None else self._tracing.start_batch(records)
        try:
            # The contract promises at least one record; an empty batch is simply accepted.
            spans.run(lambda: self._task.write(records))
        except Exception as error:  # noqa: BLE001 - every failure of a batch is answered in the stream
            reported = to_connector_error(error)
            if reported.HasField("record_index") and reported.record_index >= len(records):
                # An index past the batch would send the worker's error policy to the wrong record.
                reported.ClearField("record_index")
            failed_in = spans.fail(
                error, reported.record_index if reported.HasField("record_index") else None
            )
            if failed_in is not None:
                reported.trace.CopyFrom(failed_in)
            spans.end()
            self._logger.warning(
                "a batch was not accepted; reporting to the worker",
                extra={
                    "sequence": batch.sequence,
                    "kind": "retriable" if reported.kind == error_pb2.ERROR_KIND_RETRIABLE else "fatal",
                    "recordIndex": reported.record_index if reported.HasField("record_index") else None,
                    "reason": reported.message,
                },
            )
            return sink_pb2.WriteResponse(error=sink_pb2.WriteError(sequence=batch.sequence, error=reported))
        spans.end()
        return sink_pb2.WriteResponse(ack=sink_pb2.WriteAck(sequence=batch.sequence))

    def _flush(self, flush: sink_pb2.FlushRequest) -> sink_pb2.WriteResponse:
        if flush.through_sequence > self._last_batch:
            raise ProtocolError(
                f"flush through batch {flush.through_sequence}, but only {self._last_batch} batches were "
                "sent; this is a bug in the worker"
            )
        return sink_pb2.WriteResponse(flushed=sink_pb2.FlushResponse(through_sequence=flush.through_sequence))

    def _change_partitions(self, change: sink_pb2.PartitionsChange) -> None:
        self._logger.info(
            "partitions changed",
            extra={
                "assigned": [f"{p.topic}-{p.partition}" for p in change.assigned],
                "revoked": [f"{p.topic}-{p.partition}" for p in change.revoked],
            },
        )
