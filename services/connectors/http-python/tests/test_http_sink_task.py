"""HttpSinkTask against a scripted poster: chunking, retry limits and cancellation, without a network."""

from __future__ import annotations

import json
import threading
from collections import deque

import pytest
from data_values import records

from connectmesh_http_sink.errors import FatalError, RetriableError
from connectmesh_http_sink.http_poster import HttpRejectedError, HttpUnavailableError
from connectmesh_http_sink.http_sink_task import HttpSinkTask
from connectmesh_http_sink.json_log import component_logger
from connectmesh_http_sink.sink_config import HttpSinkConfig


class ScriptedPoster:
    """Answers each post with the next scripted outcome (None = 2xx), and keeps the bodies."""

    shown_url = "http://receiver/ingest"

    def __init__(self, *outcomes: Exception | None) -> None:
        self._outcomes = deque(outcomes)
        self.bodies: list[list[dict[str, object]]] = []

    def post(self, body: bytes) -> None:
        self.bodies.append(json.loads(body))
        outcome = self._outcomes.popleft() if self._outcomes else None
        if outcome is not None:
            raise outcome


class SteppingClock:
    """A clock that moves `step_ms` every time it is read."""

    def __init__(self, step_ms: float) -> None:
        self.now_ms = 0.0
        self._step_ms = step_ms

    def __call__(self) -> float:
        self.now_ms += self._step_ms
        return self.now_ms


def task(
    poster: ScriptedPoster,
    *,
    batch_max_records: int = 2,
    retry_max_ms: int = 1_000,
    cancelled: threading.Event | None = None,
) -> HttpSinkTask:
    config = HttpSinkConfig("http://receiver/ingest", (), 1_000, batch_max_records, 0, retry_max_ms)
    return HttpSinkTask(
        config,
        cancelled or threading.Event(),
        component_logger("test"),
        poster=poster,  # type: ignore[arg-type]
        clock_ms=SteppingClock(step_ms=100),
    )


def unavailable() -> HttpUnavailableError:
    return HttpUnavailableError("POST http://receiver/ingest answered 503 Service Unavailable", status=503)


def test_chunks_are_posted_in_order() -> None:
    poster = ScriptedPoster()
    task(poster, batch_max_records=2).write(records(5))
    assert [[r["offset"] for r in body] for body in poster.bodies] == [[0, 1], [2, 3], [4]]


def test_an_empty_batch_posts_nothing() -> None:
    poster = ScriptedPoster()
    task(poster).write([])
    assert poster.bodies == []


def test_retries_stop_at_the_time_limit_with_the_tries_counted() -> None:
    poster = ScriptedPoster(None, *[unavailable()] * 100)
    with pytest.raises(RetriableError) as raised:
        task(poster, retry_max_ms=1_000).write(records(4))
    assert raised.value.record_index == 2
    assert "gave up after" in raised.value.message and "retry.max.ms=1000" in raised.value.message
    # The clock moves 100 ms per read and is read about once per failed try, so about ten tries fit in
    # the one-second limit; the point is that the retries end, and not after the first.
    assert 5 <= len(poster.bodies) - 1 <= 11


class RejectingPoster(ScriptedPoster):
    """Answers `status` to every body holding a record at one of `bad_offsets`, 2xx to the rest."""

    def __init__(self, status: int, *bad_offsets: int) -> None:
        super().__init__()
        self._status = status
        self._bad = set(bad_offsets)

    def post(self, body: bytes) -> None:
        super().post(body)
        if any(record["offset"] in self._bad for record in json.loads(body)):
            raise HttpRejectedError(f"answered {self._status}", status=self._status, body="bad record")


def test_a_rejected_chunk_is_narrowed_to_the_record_the_receiver_refuses() -> None:
    poster = RejectingPoster(422, 5)
    with pytest.raises(FatalError) as raised:
        task(poster, batch_max_records=8).write(records(8))
    assert raised.value.record_index == 5
    assert "record 5 of the batch" in raised.value.message and "offset 5" in raised.value.message
    assert isinstance(raised.value.__cause__, HttpRejectedError)
    # Every record before the refused one was accepted exactly once; nothing after it was sent.
    accepted = [r["offset"] for body in poster.bodies if 5 not in [r["offset"] for r in body] for r in body]
    assert sorted(accepted) == [0, 1, 2, 3, 4]
    # Halving costs a few POSTs, not one per record.
    assert len(poster.bodies) <= 7


def test_a_chunk_refused_only_as_a_whole_is_delivered_by_its_halves() -> None:
    poster = ScriptedPoster(HttpRejectedError("answered 413", status=413, body="too large"))
    task(poster, batch_max_records=4).write(records(4))
    assert [[r["offset"] for r in body] for body in poster.bodies] == [[0, 1, 2, 3], [0, 1], [2, 3]]


@pytest.mark.parametrize("status", [401, 403, 404, 405, 407, 301])
def test_a_refusal_of_the_request_itself_fails_the_batch_without_a_record(status: int) -> None:
    poster = RejectingPoster(status, 0, 1, 2)
    with pytest.raises(FatalError) as raised:
        task(poster).write(records(3))
    assert raised.value.record_index is None and len(poster.bodies) == 1
    assert "not a record" in raised.value.message


def test_a_cancelled_stream_stops_retrying_at_once() -> None:
    cancelled = threading.Event()
    cancelled.set()
    poster = ScriptedPoster(*[unavailable()] * 100)
    with pytest.raises(RetriableError, match="stream ended"):
        task(poster, retry_max_ms=60_000, cancelled=cancelled).write(records(1))
    assert len(poster.bodies) == 1
