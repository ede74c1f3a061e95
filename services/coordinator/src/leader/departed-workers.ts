/**
 * Remembers when workers left, so their tasks can wait for them for a while before moving: Kafka Connect's
 * `scheduled.rebalance.max.delay.ms`. A worker that restarts (a deploy, a crash that is quickly restarted)
 * finds its tasks still assigned to it instead of causing two rounds of moves. Kept in the leader's memory:
 * a new leader starts the delay afresh, which errs on the side of waiting.
 */
export class DepartedWorkers {
  private readonly departedAt = new Map<string, number>();

  constructor(
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The workers that still hold assignments but left less than the delay ago. */
  heldFor(live: readonly string[], assigned: readonly string[]): string[] {
    const now = this.now();
    for (const worker of [...this.departedAt.keys()]) {
      if (live.includes(worker) || !assigned.includes(worker)) this.departedAt.delete(worker);
    }
    for (const worker of assigned) {
      if (!live.includes(worker) && !this.departedAt.has(worker)) this.departedAt.set(worker, now);
    }
    return [...this.departedAt].filter(([, since]) => now - since < this.delayMs).map(([worker]) => worker);
  }
}
