import type { ThroughputRun } from "./results.js";
import { ratioOf, summarizeThroughput, type ThroughputSummary } from "./summary.js";
import { TRACING_MODES, type TracingModeName } from "./tracing-modes.js";

/** One tracing mode's throughput across runs, and its median as a share of tracing off's. */
export interface TracingModeSummary {
  readonly mode: TracingModeName;
  readonly samplingRatio: number | undefined;
  readonly throughput?: ThroughputSummary;
  /** This mode's median records/s over tracing off's (1 for off itself); missing when either is. */
  readonly ratioToOff?: number;
  /** "2/3 runs failed: <the first reason>", when some failed. */
  readonly failures?: string;
}

/** The tracing runs by mode, each as a ratio of tracing off's throughput. */
export function summarizeTracing(
  runs: Partial<Record<TracingModeName, readonly ThroughputRun[]>>,
  failures: Partial<Record<TracingModeName, string>>,
): TracingModeSummary[] {
  const summaries = TRACING_MODES.map((mode) => ({
    mode: mode.name,
    samplingRatio: mode.samplingRatio,
    throughput: summarizeThroughput(runs[mode.name] ?? []),
    failures: failures[mode.name],
  }));
  const off = summaries.find((s) => s.mode === "off")?.throughput?.recordsPerSec;
  return summaries.map((s) => ({ ...s, ratioToOff: ratioOf(s.throughput?.recordsPerSec, off) }));
}
