/**
 * A bounded queue between a push source (an event emitter) and one async-iterator consumer. When the
 * consumer falls `capacity` items behind, the queue fails with `overflow()` instead of growing without
 * bound; for a watch that means "re-list", which costs one read and loses nothing.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private failure: unknown;
  private isEnded = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly capacity: number,
    private readonly overflow: () => unknown,
  ) {}

  push(item: T): void {
    if (this.isEnded || this.failure !== undefined) return;
    if (this.items.length >= this.capacity) {
      this.fail(this.overflow());
      return;
    }
    this.items.push(item);
    this.notify();
  }

  fail(error: unknown): void {
    if (this.failure !== undefined || this.isEnded) return;
    this.failure = error ?? new Error("the queue failed without a reason");
    this.notify();
  }

  end(): void {
    this.isEnded = true;
    this.notify();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.isEnded) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
