"""How long to wait before retrying a POST: exponential, jittered, capped, within a time limit.

Jitter keeps the tasks of one connector (and of every connector behind the same receiver) from retrying
in lockstep after an outage. "Equal jitter" (half fixed, half random) rather than full jitter, so a wait
never collapses to ~0 and the receiver gets at least half the intended rest.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# No single wait is longer than this, however many tries came before: a receiver that comes back should
# not sit idle for minutes because it was down for a while.
MAX_DELAY_MS = 10_000


@dataclass
class RetryBudget:
    """The waits for retrying one POST: `initial_ms`, doubling per retry up to MAX_DELAY_MS, until
    `limit_ms` has passed since the first try."""

    initial_ms: int
    limit_ms: int
    started_at_ms: float
    rng: random.Random = field(default_factory=random.Random)
    retries: int = 0

    def next_delay_ms(self, now_ms: float, at_least_ms: float = 0) -> float | None:
        """The wait before the next try, or None when the time limit has passed and it is time to give
        up. `at_least_ms` is the receiver's own Retry-After. The wait never runs past the limit, so the
        last try happens at the limit rather than not at all."""
        left_ms = self.started_at_ms + self.limit_ms - now_ms
        if left_ms <= 0:
            return None
        ceiling_ms = min(self.initial_ms * 2**self.retries, MAX_DELAY_MS)
        delay_ms = max(ceiling_ms / 2 + self.rng.uniform(0, ceiling_ms / 2), at_least_ms)
        self.retries += 1
        return min(delay_ms, left_ms)
