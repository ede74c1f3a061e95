import { type CopySummary, JDBC_MEASUREMENT, SEARCH_MEASUREMENT, summarizeCopies } from "./copy-summary.js";
import type { RowId } from "./options.js";
import type { BenchResults } from "./results.js";
import {
  type LatencySummary,
  ratioOf,
  summarizeLatency,
  summarizeThroughput,
  type ThroughputSummary,
} from "./summary.js";
import { TRACING_MODES, type TracingModeName, tracingMeasurement } from "./tracing-modes.js";
import { summarizeTracing, type TracingModeSummary } from "./tracing-summary.js";

/** The ratios of issue 9, and issue 17's B2/B, of end-to-end records/s medians. */
export const RATIOS = [
  { name: "D/C", numerator: "D", denominator: "C", meaning: "connect-mesh over Kafka Connect" },
  { name: "D/B", numerator: "D", denominator: "B", meaning: "connect-mesh over the Node ceiling" },
  { name: "B/A", numerator: "B", denominator: "A", meaning: "the Node ceiling over the broker's ceiling" },
  { name: "B2/B", numerator: "B2", denominator: "B", meaning: "@platformatic/kafka over kafkajs (issue 17)" },
] as const;

/** One workload's rows and ratios. */
export interface WorkloadSummary {
  readonly name: string;
  readonly lines: number;
  readonly lineBytes: number;
  readonly rows: Partial<Record<RowId, ThroughputSummary>>;
  /** Ratio name (D/C, ...) → value; missing when a row is. */
  readonly ratios: Readonly<Record<string, number | undefined>>;
  /** Rows with failed runs: how many failed, and the first reason. */
  readonly failures: Partial<Record<RowId, string>>;
}

/** Every figure of a bench run, summarized across its runs. */
export interface BenchSummary {
  readonly workloads: readonly WorkloadSummary[];
  readonly latency: Partial<Record<RowId, LatencySummary>>;
  readonly latencyFailures: Partial<Record<RowId, string>>;
  /** Row D with tracing off, at 1% and at 100%; every mode unmeasured when the run left tracing out. */
  readonly tracing: readonly TracingModeSummary[];
  /** Row E; undefined when it did not run or every run failed. */
  readonly jdbc?: CopySummary;
  /** "1/3 runs failed: <the first reason>", when some of row E's runs failed. */
  readonly jdbcFailures?: string;
  /** Row F; undefined when it did not run or every run failed. */
  readonly search?: CopySummary;
  /** "1/3 runs failed: <the first reason>", when some of row F's runs failed. */
  readonly searchFailures?: string;
}

export function summarizeBench(results: BenchResults): BenchSummary {
  const workloads = results.options.workloads.map((workload): WorkloadSummary => {
    const runs = results.throughput[workload.name] ?? {};
    const rows: Partial<Record<RowId, ThroughputSummary>> = {};
    for (const id of results.options.rows) {
      const summary = summarizeThroughput(runs[id] ?? []);
      if (summary !== undefined) rows[id] = summary;
    }
    const ratios = Object.fromEntries(
      RATIOS.map((r) => [
        r.name,
        ratioOf(rows[r.numerator]?.recordsPerSec, rows[r.denominator]?.recordsPerSec),
      ]),
    );
    return { ...workload, rows, ratios, failures: failuresOf(results, workload.name) };
  });
  const latency: Partial<Record<RowId, LatencySummary>> = {};
  for (const id of results.options.rows) {
    const summary = summarizeLatency(results.latency[id] ?? []);
    if (summary !== undefined) latency[id] = summary;
  }
  const tracingFailures: Partial<Record<TracingModeName, string>> = {};
  for (const mode of TRACING_MODES) {
    const failed = failuresOf(results, tracingMeasurement(mode.name)).D;
    if (failed !== undefined) tracingFailures[mode.name] = failed;
  }
  return {
    workloads,
    latency,
    latencyFailures: failuresOf(results, "latency"),
    tracing: summarizeTracing(results.tracing ?? {}, tracingFailures),
    jdbc: summarizeCopies(results.jdbc ?? []),
    jdbcFailures: failureOf(results, "E", JDBC_MEASUREMENT),
    search: summarizeCopies(results.search ?? []),
    searchFailures: failureOf(results, "F", SEARCH_MEASUREMENT),
  };
}

/** "2/3 runs failed: <the first reason>" for each row with failed runs of a measurement. */
function failuresOf(results: BenchResults, measurement: string): Partial<Record<RowId, string>> {
  const byRow: Partial<Record<RowId, string>> = {};
  for (const id of results.options.rows) {
    const failed = failureOf(results, id, measurement);
    if (failed !== undefined) byRow[id] = failed;
  }
  return byRow;
}

/** "2/3 runs failed: <the first reason>" when some of a row's runs of a measurement failed. */
function failureOf(results: BenchResults, id: RowId, measurement: string): string | undefined {
  const failed = results.failures.filter((f) => f.row === id && f.measurement === measurement);
  const first = failed[0];
  return first === undefined
    ? undefined
    : `${failed.length}/${results.options.runs} runs failed: ${first.reason}`;
}
