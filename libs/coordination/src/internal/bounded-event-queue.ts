/**
 * A queue between a push source that can be paused (an etcd watcher) and one async-iterator consumer.
 *
 * It never grows without bound: once `highWaterMark` items wait, it calls `pause` (the watch adapter cancels
 * its etcd watcher), and once the consumer has drained it down to `lowWaterMark` it calls `resume` (the
 * adapter starts a new watcher from the revision after the last queued event). A paused etcd watch loses
 * nothing, because etcd keeps history until compaction; at worst the resumed watch finds it compacted and
 * the consumer re-lists. So the most that can wait is `highWaterMark` plus one batch already in flight.
 *
 * A failure or the end is delivered after the items queued before it, since those are still valid.
 */
export class BoundedEventQueue<T> {
  // Items are boxed so that an undefined item is still told apart from an empty queue.
  private readonly items: { readonly value: T }[] = [];
  private failure: { readonly error: unknown } | undefined;
  private isEnded = false;
  private isPaused = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: {
      /** Pause the source once this many items wait. */
      readonly highWaterMark: number;
      /** Resume the source once no more than this many items wait. */
      readonly lowWaterMark: number;
      /** Stops the source; called once per pause. */
      readonly pause: () => void;
      /** Restarts the source; called once per pause, after it. */
      readonly resume: () => void;
    },
  ) {
    if (
      !(
        options.highWaterMark >= 1 &&
        options.lowWaterMark >= 0 &&
        options.lowWaterMark < options.highWaterMark
      )
    ) {
      throw new RangeError(
        `a bounded queue needs 0 <= lowWaterMark < highWaterMark and highWaterMark >= 1; got ${options.lowWaterMark} and ${options.highWaterMark}`,
      );
    }
  }

  /** How many items wait for the consumer. */
  get size(): number {
    return this.items.length;
  }

  /** Whether the source is paused because the consumer is behind. */
  get paused(): boolean {
    return this.isPaused;
  }

  /** Queues a batch in order; pauses the source if the consumer is now too far behind. */
  push(batch: readonly T[]): void {
    if (this.isEnded || this.failure) return;
    for (const value of batch) this.items.push({ value });
    if (!this.isPaused && this.items.length >= this.options.highWaterMark) {
      this.isPaused = true;
      this.options.pause();
    }
    this.notify();
  }

  /** Ends the stream with an error, thrown once the items queued before it are consumed. */
  fail(error: unknown): void {
    if (this.isEnded || this.failure) return;
    this.failure = { error };
    this.notify();
  }

  /** Ends the stream normally, once the items queued before it are consumed. */
  end(): void {
    if (this.isEnded || this.failure) return;
    this.isEnded = true;
    this.notify();
  }

  /**
   * Yields the items in order until the stream ends, fails, or `signal` aborts; on abort it returns at once,
   * leaving any queued items behind.
   */
  async *drain(signal: AbortSignal): AsyncGenerator<T, void, undefined> {
    while (!signal.aborted) {
      const item = this.items.shift();
      if (item) {
        this.resumeIfDrained();
        yield item.value;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.isEnded) return;
      await this.changed(signal);
    }
  }

  private resumeIfDrained(): void {
    // Only a queue that stays open resumes; one that failed or ended has nothing more to fetch.
    if (this.isPaused && this.items.length <= this.options.lowWaterMark && !this.failure && !this.isEnded) {
      this.isPaused = false;
      this.options.resume();
    }
  }

  private changed(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const onAbort = (): void => this.notify();
      this.wake = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
