"""The retry waits for one POST: exponential, jittered, capped, within the time limit."""

from __future__ import annotations

import random

from connectmesh_http_sink.backoff import MAX_DELAY_MS, RetryBudget


def budget(initial_ms: int = 100, limit_ms: int = 1_000_000, seed: int = 1) -> RetryBudget:
    return RetryBudget(initial_ms, limit_ms, started_at_ms=0, rng=random.Random(seed))


def test_waits_double_with_jitter_between_half_and_all_of_the_ceiling() -> None:
    waits = budget()
    for retry in range(6):
        ceiling = 100 * 2**retry
        delay = waits.next_delay_ms(now_ms=0)
        assert delay is not None and ceiling / 2 <= delay <= ceiling


def test_waits_are_capped() -> None:
    waits = budget()
    delays = [waits.next_delay_ms(now_ms=0) for _ in range(30)]
    assert max(d for d in delays if d is not None) <= MAX_DELAY_MS


def test_jitter_differs_between_tasks() -> None:
    assert budget(seed=1).next_delay_ms(0) != budget(seed=2).next_delay_ms(0)


def test_no_wait_runs_past_the_limit_and_none_is_given_after_it() -> None:
    waits = budget(initial_ms=400, limit_ms=1_000)
    assert waits.next_delay_ms(now_ms=900) == 100
    assert waits.next_delay_ms(now_ms=1_000) is None


def test_a_zero_limit_means_no_retry() -> None:
    assert budget(limit_ms=0).next_delay_ms(now_ms=0) is None


def test_the_receivers_retry_after_is_honoured_within_the_limit() -> None:
    waits = budget(initial_ms=10, limit_ms=5_000)
    assert waits.next_delay_ms(now_ms=0, at_least_ms=2_000) == 2_000
    assert waits.next_delay_ms(now_ms=4_000, at_least_ms=2_000) == 1_000
