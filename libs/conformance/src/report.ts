/** How one check ended. */
export type CheckOutcome = "pass" | "fail" | "skip";

/** One rule of the contract, checked against one service (or one of its plugins). */
export interface CheckResult {
  /**
   * A stable id, e.g. "source.respects-credit"; the same for every plugin the check runs on. The id
   * "plugins" stands, skipped, for every per-plugin check when Describe did not answer.
   */
  readonly id: string;
  /** The plugin's class name, for checks about one plugin; unset for checks about the whole service. */
  readonly plugin?: string;
  /** What the check holds the service to, for people. */
  readonly title: string;
  /** Whether the service kept the rule, broke it, or the check could not run. */
  readonly outcome: CheckOutcome;
  /**
   * Why: for a failure, what was expected and what was seen; for a skip, what the check needed and how to
   * give it; for a pass, a short note of what was observed.
   */
  readonly detail: string;
}

/** Everything a conformance run found. */
export interface ConformanceReport {
  /** The service that was checked, "host:port". */
  readonly address: string;
  /** Every check, in the order it ran. */
  readonly checks: readonly CheckResult[];
  /** True when no check failed (skipped checks do not count against the service). */
  readonly passed: boolean;
}

/** How many checks passed, failed and were skipped. */
export interface ReportCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** Counts a report's checks by outcome. */
export function countOutcomes(report: Pick<ConformanceReport, "checks">): ReportCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const check of report.checks) {
    if (check.outcome === "pass") passed += 1;
    else if (check.outcome === "fail") failed += 1;
    else skipped += 1;
  }
  return { passed, failed, skipped };
}
