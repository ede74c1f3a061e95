import { setTimeout as delay } from "node:timers/promises";

/** How long to wait, how often to look, and what for (named in the error). */
export interface WaitForOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly description?: string;
}

/**
 * Calls `probe` until `predicate` accepts its result, and returns that result; fails once `timeoutMs` has
 * passed, with the last value (or error) seen, so a failed wait says why. The deploy package has its own;
 * this one keeps the coordination tests free of a dependency on the package that deploys them.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  predicate: (value: T) => boolean,
  options: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastSeen = "nothing yet";
  for (;;) {
    try {
      const value = await probe();
      if (predicate(value)) return value;
      lastSeen = JSON.stringify(value) ?? String(value);
    } catch (error) {
      lastSeen = `an error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${options.timeoutMs} ms waiting for ${options.description ?? "a condition"}; last seen: ${lastSeen}`,
      );
    }
    await delay(options.intervalMs ?? 50);
  }
}
