import type { CheckResult } from "../report.js";
import { CheckFailure } from "./check-failure.js";
import type { CheckScope } from "./check-scope.js";
import type { ConformanceCheck, Verdict } from "./conformance-check.js";
import { describeError } from "./describe-error.js";

// How long a check has to settle on its own once its signal aborts, before the runner abandons it.
const ABANDON_GRACE_MS = 250;
// How much later than the check's deadline its gRPC calls' deadline falls (see CheckScope.callDeadlineAt).
const CALL_DEADLINE_GRACE_MS = 1_000;

/**
 * Runs one check under its own deadline and turns whatever happens into a result: a CheckFailure or a
 * missed deadline is a "fail", any other error a "fail" that says the check stopped unexpectedly. Only
 * the caller aborting the run propagates (as `runSignal.reason`), so one broken rule never stops the rest
 * of the run, and a check that ignores its signal still cannot hold the run past its deadline.
 */
export async function runCheck(
  check: ConformanceCheck,
  runSignal: AbortSignal,
  timeoutMs: number,
): Promise<CheckResult> {
  runSignal.throwIfAborted();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`deadline of ${timeoutMs} ms`)), timeoutMs);
  timer.unref();
  const signal = AbortSignal.any([runSignal, deadline.signal]);
  const callDeadlineAt = Date.now() + timeoutMs + CALL_DEADLINE_GRACE_MS;
  const scope: CheckScope = { signal, runSignal, timeoutMs, callDeadlineAt };
  try {
    const verdict = await settleBy(check.run(scope), signal);
    return { ...identity(check), ...verdict };
  } catch (error) {
    if (runSignal.aborted) throw runSignal.reason;
    return { ...identity(check), outcome: "fail", detail: failureDetail(error, signal, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

function identity(check: ConformanceCheck): Pick<CheckResult, "id" | "title" | "plugin"> {
  return check.plugin === undefined
    ? { id: check.id, title: check.title }
    : { id: check.id, title: check.title, plugin: check.plugin };
}

function failureDetail(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (error instanceof CheckFailure) return error.detail;
  if (signal.aborted) return `the check did not finish within its ${timeoutMs} ms deadline`;
  return `the check stopped on an unexpected error: ${describeError(error)}`;
}

/**
 * Resolves as `work` does, or rejects shortly after `signal` aborts, whether or not `work` noticed. The
 * short grace lets a check that does honour the signal fail with its own message (naming what it awaited)
 * rather than the runner's generic one.
 */
async function settleBy(work: Promise<Verdict>, signal: AbortSignal): Promise<Verdict> {
  // If the deadline wins, `work` is abandoned; its eventual rejection is already reported as the missed
  // deadline, so it is observed here only to keep it from surfacing as an unhandled rejection.
  work.catch((error: unknown) => error);
  let onAbort: (() => void) | undefined;
  let grace: NodeJS.Timeout | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      grace = setTimeout(() => reject(signal.reason), ABANDON_GRACE_MS);
      grace.unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    clearTimeout(grace);
    if (onAbort !== undefined) signal.removeEventListener("abort", onAbort);
  }
}
