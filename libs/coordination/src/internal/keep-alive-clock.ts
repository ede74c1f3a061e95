/**
 * Tracks until when a lease is known to be alive on the server, from the client's side, and calls `expired`
 * once that moment passes without a newer confirmation.
 *
 * Why not trust the etcd client: etcd3 only reports a lease lost after twice its TTL without a keep-alive,
 * while the server expires it after one TTL. In between, another process could win the election this one
 * still believes it leads. So we count conservatively: a keep-alive answer extends the lease to the moment
 * its request was *sent* plus the TTL the server answered with, since the server reset the TTL no earlier
 * than that. Answers come back in the order requests were sent on a stream, so each answer pairs with the
 * oldest unanswered send; when the stream is replaced, unanswered sends are forgotten. On top of that it
 * gives up `safetyMarginMs` early, so that the holder has stopped acting before anyone else can start.
 */
export class KeepAliveClock {
  private aliveUntilMs = Number.NEGATIVE_INFINITY;
  private readonly unansweredSentAtMs: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private isStopped = false;

  constructor(
    private readonly expired: () => void,
    private readonly options: { readonly safetyMarginMs: number; readonly now?: () => number },
  ) {}

  /** Starts counting from a grant whose request was sent at `sentAtMs` and granted `ttlMs`. */
  start(sentAtMs: number, ttlMs: number): void {
    this.extend(sentAtMs + ttlMs);
  }

  /** Records that a keep-alive request was sent now. */
  sent(): void {
    if (this.isStopped) return;
    this.unansweredSentAtMs.push(this.now());
  }

  /** Records the answer to the oldest unanswered keep-alive: the lease lives `ttlMs` from when it was sent. */
  answered(ttlMs: number): void {
    const sentAtMs = this.unansweredSentAtMs.shift();
    // An answer we cannot pair with a send proves nothing about when the TTL was reset, so it extends nothing.
    if (sentAtMs === undefined) return;
    this.extend(sentAtMs + ttlMs);
  }

  /** Forgets unanswered sends, because the stream they were sent on is gone. */
  streamReplaced(): void {
    this.unansweredSentAtMs.length = 0;
  }

  /** Stops the clock; `expired` is not called after this. */
  stop(): void {
    this.isStopped = true;
    this.unansweredSentAtMs.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private extend(untilMs: number): void {
    const marginedUntilMs = untilMs - this.options.safetyMarginMs;
    if (this.isStopped || marginedUntilMs <= this.aliveUntilMs) return;
    this.aliveUntilMs = marginedUntilMs;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const delayMs = Math.max(0, this.aliveUntilMs - this.now());
    this.timer = setTimeout(() => this.check(), delayMs);
    // The lease's own keep-alive stream decides whether the process stays up, not this check.
    this.timer.unref();
  }

  private check(): void {
    this.timer = undefined;
    if (this.isStopped) return;
    if (this.now() < this.aliveUntilMs) {
      this.schedule();
      return;
    }
    this.stop();
    this.expired();
  }
}
