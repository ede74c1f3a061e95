import type { Logger } from "../logger.js";
import { settlesWithin } from "./abortable.js";

/**
 * Owns the background work of a server (one promise per open stream), so that stopping can wait for it.
 * Tracked work is expected to handle its own errors; one that escapes is a bug in the SDK, logged here so
 * it is neither lost nor an unhandled rejection.
 */
export class WorkTracker {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** How much work is still running. */
  get size(): number {
    return this.running.size;
  }

  /** Tracks `work` until it settles. */
  track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) =>
        this.logger.error({ err: error }, "a connector stream ended with an unhandled error"),
      )
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Resolves true when all work tracked now and later has settled, or false once `timeoutMs` passes. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) return false;
      if (!(await settlesWithin(Promise.allSettled([...this.running]), remainingMs))) return false;
    }
    return true;
  }
}
