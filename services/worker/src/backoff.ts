/** Capped exponential backoff with full jitter, as kafkajs and Connect's errors.retry.delay.max.ms do. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next try; grows with each call until `reset`. */
  nextDelayMs(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    // Half fixed, half random: never a zero wait, and workers that failed together do not retry together.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** Called after a success, so the next failure starts small again. */
  reset(): void {
    this.attempt = 0;
  }
}
