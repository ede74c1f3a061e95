"""One HTTP sink task: writes each batch as POSTs of at most batch.max.records records, in order.

What a failure reports, so that the worker's rule "the records before record_index are accepted" holds:
- a chunk the receiver keeps refusing with 429/5xx/no answer past retry.max.ms -> RetriableError whose
  record_index is the chunk's first record; the chunks before it were answered 2xx. The worker resends
  from there.
- a chunk answered 4xx -> FatalError with the chunk's first record (the receiver said nothing finer), so
  the error policy sees the rejection.
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
            except HttpRejectedError as rejected:
                raise FatalError(
                    f"{rejected.message}; the receiver rejected the {len(chunk)} records from index "
                    f"{first_index} of the batch. Fix the data or the receiver, or let errors.tolerance "
                    "and the dead-letter queue take them",
                    record_index=first_index,
                ) from rejected
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
