"""One HTTP sink task: writes each batch as POSTs of at most batch.max.records records, in order.

What a failure reports, so that the worker's rule "the records before record_index are accepted" holds:
- a chunk the receiver keeps refusing with 429/5xx/no answer past retry.max.ms -> RetriableError whose
  record_index is the chunk's first record; the chunks before it were answered 2xx. The worker resends
  from there.
- a chunk answered 4xx because of what it holds (400, 409, 413, 422, ...) -> its halves are POSTed, and
  theirs, until the one record the receiver refuses on its own is found: FatalError with that record's
  index, the records before it answered 2xx. The worker's error policy then parks just that record
  (errors.tolerance=all and a dead-letter queue) and sends the rest again. A chunk that the receiver
  refuses only as a whole (413) is delivered by its halves.
- an answer that refuses the request rather than a record (401, 403, 404, 405, 407, and a 3xx since
  redirects are not followed: credentials, URL or method are wrong) -> FatalError without a record
  index: every record would fail alike, so the task stops with the receiver's reason instead of parking
  the whole topic one record at a time.
- a record that cannot be rendered as JSON -> the records before it are POSTed first, then FatalError
  naming that exact record.

Nothing is buffered between batches: a batch is acked only once all of it was answered 2xx, which is why
a flush has nothing left to do.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from connectmesh_gen.connectmesh.v1 import record_pb2

from .backoff import RetryBudget
from .errors import FatalError, RetriableError
from .http_poster import HttpPoster, HttpRejectedError, HttpUnavailableError
from .json_log import ContextLogger
from .record_json import encode_body, record_to_json
from .sink_config import HttpSinkConfig

# Statuses that refuse the request rather than its records: wrong credentials, URL or method.
ENDPOINT_REJECTIONS = frozenset({401, 403, 404, 405, 407})


class HttpSinkTask:
    """Writes batches for one sink task. `cancelled` is set when the stream is gone, to stop waiting."""

    def __init__(
        self,
        config: HttpSinkConfig,
        cancelled: threading.Event,
        logger: ContextLogger,
        *,
        poster: HttpPoster | None = None,
        clock_ms: Callable[[], float] = lambda: time.monotonic() * 1000,
        rng: random.Random | None = None,
    ) -> None:
        self._config = config
        self._cancelled = cancelled
        self._logger = logger
        self._poster = poster or HttpPoster(config.url, config.headers, config.timeout_ms)
        self._clock_ms = clock_ms
        self._rng = rng or random.Random()
        # The URL without credentials, for logs.
        self.shown_url = self._poster.shown_url

    def write(self, records: Sequence[record_pb2.Record]) -> None:
        """POSTs every record, or raises RetriableError / FatalError with the record_index to report."""
        rendered, unrenderable = _render_until_failure(records)
        size = self._config.batch_max_records
        for start in range(0, len(rendered), size):
            self._post_chunk(rendered[start : start + size], first_index=start)
        if unrenderable is not None:
            raise unrenderable

    def _post_chunk(self, chunk: Sequence[dict[str, Any]], first_index: int) -> None:
        """POSTs the chunk; when the receiver rejects it for its content, narrows the rejection down by
        halves to the one record it refuses (see the module's docstring)."""
        try:
            self._post_with_retries(chunk, first_index)
        except HttpRejectedError as rejected:
            if rejected.status in ENDPOINT_REJECTIONS or 300 <= rejected.status < 400:
                raise FatalError(
                    f"{rejected.message}; the receiver refuses the request itself, not a record. Check "
                    "http.url and http.headers (credentials), then restart the task",
                ) from rejected
            if len(chunk) == 1:
                where = _position_of(chunk[0])
                raise FatalError(
                    f"{rejected.message}; the receiver rejected record {first_index} of the batch ({where}). "
                    "Fix the record or the receiver, or let errors.tolerance and the dead-letter queue "
                    "take it",
                    record_index=first_index,
                ) from rejected
            middle = len(chunk) // 2
            self._logger.info(
                "the receiver rejected a chunk; posting its halves to find the record it refuses",
                extra={"status": rejected.status, "records": len(chunk), "recordIndex": first_index},
            )
            self._post_chunk(chunk[:middle], first_index)
            self._post_chunk(chunk[middle:], first_index + middle)

    def _post_with_retries(self, chunk: Sequence[dict[str, Any]], first_index: int) -> None:
        """POSTs the chunk, retrying 429/5xx/no answer for up to retry.max.ms; a rejection propagates."""
        body = encode_body(chunk)
        budget = RetryBudget(
            self._config.retry_backoff_ms, self._config.retry_max_ms, self._clock_ms(), rng=self._rng
        )
        tries = 0
        while True:
            tries += 1
            try:
                self._poster.post(body)
                if tries > 1:
                    self._logger.info(
                        "the receiver accepted a chunk after retrying",
                        extra={"tries": tries, "records": len(chunk), "recordIndex": first_index},
                    )
                return
            except HttpUnavailableError as unavailable:
                delay_ms = budget.next_delay_ms(self._clock_ms(), unavailable.retry_after_ms)
                if delay_ms is None:
                    elapsed_s = (self._clock_ms() - budget.started_at_ms) / 1000
                    raise RetriableError(
                        f"{unavailable.message}; gave up after {tries} tries in {elapsed_s:.1f} s "
                        f"(retry.max.ms={self._config.retry_max_ms}). The worker will retry from record "
                        f"{first_index} of the batch; check that the receiver is up",
                        record_index=first_index,
                    ) from unavailable
                self._logger.warning(
                    "the receiver did not take a chunk; retrying",
                    extra={
                        "reason": unavailable.message,
                        "tries": tries,
                        "delayMs": round(delay_ms),
                        "recordIndex": first_index,
                    },
                )
                if self._cancelled.wait(delay_ms / 1000):
                    raise RetriableError(
                        "the Write stream ended while a POST was being retried; the worker resends "
                        f"from record {first_index}",
                        record_index=first_index,
                    ) from unavailable


def _position_of(record: dict[str, Any]) -> str:
    return f"topic {record.get('topic')}, partition {record.get('partition')}, offset {record.get('offset')}"


def _render_until_failure(
    records: Sequence[record_pb2.Record],
) -> tuple[list[dict[str, Any]], FatalError | None]:
    """The rendered records up to the first that cannot be rendered, and the error naming that one."""
    rendered = []
    for index, record in enumerate(records):
        try:
            rendered.append(record_to_json(record))
        except ValueError as problem:
            error = FatalError(
                f"record {index} of the batch (topic {record.topic}) cannot be sent: {problem}; "
                "fix the producer or the converter, or let errors.tolerance and the dead-letter queue "
                "take it",
                record_index=index,
            )
            error.__cause__ = problem
            return rendered, error
    return rendered, None
