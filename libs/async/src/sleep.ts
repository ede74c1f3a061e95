import { setTimeout as delay } from "node:timers/promises";

/** Waits `ms`, or less if `signal` aborts (then resolves early instead of throwing); never holds the process open. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal, ref: false }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
}
