import { JDBC_MEASUREMENT, SEARCH_MEASUREMENT } from "./copy-summary.js";
import type { BenchOptions, RowId } from "./options.js";
import type { BenchResults, CopyRun, LatencyRun, RunFailure, ThroughputRun } from "./results.js";
import type { BenchRow } from "./rows/bench-row.js";
import type { JdbcRow } from "./rows/jdbc-row.js";
import type { SearchRow } from "./rows/search-row.js";
import type { TracedMeshRow } from "./rows/traced-mesh-row.js";
import { TRACING_MODES, type TracingModeName, tracingMeasurement } from "./tracing-modes.js";

type Measured = Pick<BenchResults, "throughput" | "latency" | "tracing" | "jdbc" | "search" | "failures">;

/** The rows measured apart from the file pipeline's, each there when its measurement is made. */
export interface SpecialRows {
  /** Row D with tracing off and on. */
  readonly tracedMesh?: TracedMeshRow;
  readonly jdbc?: JdbcRow;
  readonly search?: SearchRow;
}

/**
 * Runs every measurement: for each workload, run 1 of every row, then run 2 of every row, and so on,
 * then row E's runs, then row F's, then row D's tracing modes (off, 1%, 100%, then again), then latency.
 * Interleaving spreads whatever else the machine is doing over every row and mode instead of one; rows E
 * and F are compared with no other row, so each one's runs follow each other. A run that fails is
 * recorded and the bench goes on.
 */
export async function runPlan(
  rows: readonly BenchRow[],
  options: BenchOptions,
  progress: (line: string) => void,
  signal: AbortSignal,
  special: SpecialRows = {},
): Promise<Measured> {
  const { tracedMesh, jdbc: jdbcRow, search: searchRow } = special;
  const throughput: Record<string, Partial<Record<RowId, ThroughputRun[]>>> = {};
  const latency: Partial<Record<RowId, LatencyRun[]>> = {};
  const tracing: Partial<Record<TracingModeName, ThroughputRun[]>> = {};
  const jdbc: CopyRun[] = [];
  const search: CopyRun[] = [];
  const failures: RunFailure[] = [];

  const attempt = async <T>(
    at: Omit<RunFailure, "reason">,
    measure: () => Promise<T>,
    keep: (result: T) => void,
  ) => {
    signal.throwIfAborted();
    progress(`${at.row} ${at.measurement}, run ${at.run}/${options.runs}…`);
    const startedAt = Date.now();
    try {
      keep(await measure());
    } catch (error) {
      if (signal.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({ ...at, reason });
      progress(`  FAILED after ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${reason}`);
    }
  };

  for (const workload of options.workloads) {
    const byRow: Partial<Record<RowId, ThroughputRun[]>> = {};
    throughput[workload.name] = byRow;
    for (let run = 1; run <= options.runs; run++) {
      for (const row of rows) {
        const runId = `${row.id}-${workload.lineBytes}b-${run}`.toLowerCase();
        await attempt(
          { row: row.id, measurement: workload.name, run },
          () => row.measureThroughput(workload, runId),
          (result) => {
            byRow[row.id] = [...(byRow[row.id] ?? []), result];
            progress(describeThroughput(result));
          },
        );
      }
    }
  }

  const jdbcPlan = options.jdbc;
  for (let run = 1; jdbcPlan !== undefined && jdbcRow !== undefined && run <= options.runs; run++) {
    await attempt(
      { row: "E", measurement: JDBC_MEASUREMENT, run },
      () => jdbcRow.measure(jdbcPlan, `e-${run}`),
      (result) => {
        jdbc.push(result);
        progress(
          `  ${Math.round(result.recordsPerSec).toLocaleString("en-US")} rows/s (${result.seconds.toFixed(1)} s); ${result.verification.method}: ${result.verification.isOk ? "ok" : result.verification.detail}`,
        );
      },
    );
  }

  const searchPlan = options.search;
  for (let run = 1; searchPlan !== undefined && searchRow !== undefined && run <= options.runs; run++) {
    await attempt(
      { row: "F", measurement: SEARCH_MEASUREMENT, run },
      () => searchRow.measure(searchPlan, `f-${run}`),
      (result) => {
        search.push(result);
        progress(
          `  ${Math.round(result.recordsPerSec).toLocaleString("en-US")} documents/s (${result.seconds.toFixed(1)} s); ${result.verification.method}: ${result.verification.isOk ? "ok" : result.verification.detail}`,
        );
      },
    );
  }

  if (options.shouldMeasureTracing && tracedMesh !== undefined) {
    for (let run = 1; run <= options.runs; run++) {
      for (const mode of TRACING_MODES) {
        const runId = `d-tracing-${mode.name.replace("%", "pct")}-${run}`;
        await attempt(
          { row: "D", measurement: tracingMeasurement(mode.name), run },
          () => tracedMesh.measureThroughput(mode, options.tracingWorkload, runId),
          (result) => {
            tracing[mode.name] = [...(tracing[mode.name] ?? []), result];
            progress(describeThroughput(result));
          },
        );
      }
    }
    await tracedMesh.switchOff();
  }

  for (let run = 1; options.shouldMeasureLatency && run <= options.runs; run++) {
    for (const row of rows) {
      const runId = `${row.id}-latency-${run}`.toLowerCase();
      await attempt(
        { row: row.id, measurement: "latency", run },
        () => row.measureLatency(options.latency, runId),
        (result) => {
          latency[row.id] = [...(latency[row.id] ?? []), result];
          progress(
            `  p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms; ${result.verification.method}: ${result.verification.isOk ? "ok" : result.verification.detail}`,
          );
        },
      );
    }
  }
  return {
    throughput,
    latency,
    tracing,
    jdbc: jdbcPlan === undefined ? undefined : jdbc,
    search: searchPlan === undefined ? undefined : search,
    failures,
  };
}

/** A throughput run's progress line. */
function describeThroughput(result: ThroughputRun): string {
  const { verification } = result;
  return `  ${Math.round(result.recordsPerSec).toLocaleString("en-US")} records/s, ${result.mbPerSec.toFixed(1)} MB/s; ${verification.method}: ${verification.isOk ? "ok" : verification.detail}`;
}
