import type { CheckOutcome } from "../report.js";
import type { CheckScope } from "./check-scope.js";

/** What a check concluded; a check may also throw a CheckFailure to fail. */
export interface Verdict {
  readonly outcome: CheckOutcome;
  readonly detail: string;
}

/** One check, ready to run. */
export interface ConformanceCheck {
  /** The check's stable id, e.g. "sink.acks-in-order". */
  readonly id: string;
  /** What the check holds the service to. */
  readonly title: string;
  /** The plugin checked, if the check is about one plugin. */
  readonly plugin?: string;
  /** Runs the check within `scope`; every wait and call inside it must honour `scope.signal`. */
  run(scope: CheckScope): Promise<Verdict>;
}

/** The service kept the rule; `detail` says what was seen. */
export function pass(detail: string): Verdict {
  return { outcome: "pass", detail };
}

/** The service broke the rule; `detail` says what was expected and what was seen. */
export function fail(detail: string): Verdict {
  return { outcome: "fail", detail };
}

/** The check could not run; `detail` says what it needed and how to give it. */
export function skip(detail: string): Verdict {
  return { outcome: "skip", detail };
}
