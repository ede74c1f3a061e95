import { CheckFailure } from "./check-failure.js";

/** The time one check may take, and how to tell its deadline from the caller giving up on the whole run. */
export interface CheckScope {
  /** Aborts at the check's deadline or when the run is aborted: pass it to every wait and call. */
  readonly signal: AbortSignal;
  /** The caller's signal for the whole run. */
  readonly runSignal: AbortSignal;
  /** The check's whole budget. */
  readonly timeoutMs: number;
  /**
   * The gRPC deadline for the check's calls, in ms since the epoch: a little after the check's own, so
   * that the check's deadline fires first and its failure names what was awaited, while the server still
   * learns of a deadline and the call cannot outlive the check by more than the grace.
   */
  readonly callDeadlineAt: number;
}

/**
 * The error to throw when a wait for `what` is cut short: the caller's own reason when the run was
 * aborted (it must propagate, not become a verdict), otherwise a failure naming what never came.
 */
export function interruptedWait(scope: CheckScope, what: string): unknown {
  if (scope.runSignal.aborted) return scope.runSignal.reason;
  return new CheckFailure(`${what}: nothing within the check's ${scope.timeoutMs} ms deadline`);
}

/** Resolves as `work` does, or throws `interruptedWait(scope, what)` once the scope aborts. */
export async function within<T>(work: Promise<T>, scope: CheckScope, what: string): Promise<T> {
  if (scope.signal.aborted) throw interruptedWait(scope, what);
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    onAbort = () => reject(interruptedWait(scope, what));
    scope.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, interrupted]);
  } finally {
    if (onAbort !== undefined) scope.signal.removeEventListener("abort", onAbort);
  }
}
