import { once } from "node:events";
import { setTimeout as delay } from "node:timers/promises";

/** Resolves as `promise` does, or rejects with the signal's reason as soon as `signal` aborts. */
export async function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener("abort", onAbort);
  }
}

/** Resolves once `signal` aborts (at once if it already has). */
export async function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await once(signal, "abort");
}

/**
 * Resolves true if `work` settles (either way) within `timeoutMs`, false otherwise. The timer is unref'ed
 * and cleared, so it neither holds the process open nor lingers.
 */
export async function settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const timer = new AbortController();
  const timedOut = delay(timeoutMs, false, { ref: false, signal: timer.signal }).catch(() => false);
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    timer.abort();
  }
}
