import { setTimeout as delay } from "node:timers/promises";

/** How long to wait, how often to look, and what the wait is for (used in the error). */
export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly description: string;
  readonly signal?: AbortSignal;
}

/**
 * Calls `probe` until `isDone` accepts its result, and returns that result; throws when the deadline
 * passes, naming what was awaited and the last result or error seen, so a failed wait says why.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  isDone: (value: T) => boolean,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastSeen = "nothing yet";
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const value = await probe();
      if (isDone(value)) return value;
      lastSeen = JSON.stringify(value) ?? String(value);
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${options.timeoutMs} ms waiting for ${options.description}; last seen: ${lastSeen}`,
      );
    }
    await delay(options.intervalMs ?? 200, undefined, { signal: options.signal });
  }
}
