import { JDBC_MEASUREMENT } from "./jdbc-summary.js";
import type { BenchOptions, RowId } from "./options.js";
import type { BenchResults, JdbcRun, LatencyRun, RunFailure, ThroughputRun } from "./results.js";
import type { BenchRow } from "./rows/bench-row.js";
import type { JdbcRow } from "./rows/jdbc-row.js";
import type { TracedMeshRow } from "./rows/traced-mesh-row.js";
import { TRACING_MODES, type TracingModeName, tracingMeasurement } from "./tracing-modes.js";

type Measured = Pick<BenchResults, "throughput" | "latency" | "tracing" | "jdbc" | "failures">;

/**
 * Runs every measurement: for each workload, run 1 of every row, then run 2 of every row, and so on,
 * then row E's runs, then row D's tracing modes (off, 1%, 100%, then again), then latency. Interleaving
 * spreads whatever else the machine is doing over every row and mode instead of one; row E is compared
 * with no other row, so its runs follow each other. A run that fails is recorded and the bench goes on.
 */
export async function runPlan(
  rows: readonly BenchRow[],
  options: BenchOptions,
  progress: (line: string) => void,
  signal: AbortSignal,
  tracedMesh?: TracedMeshRow,
  jdbcRow?: JdbcRow,
): Promise<Measured> {
  const throughput: Record<string, Partial<Record<RowId, ThroughputRun[]>>> = {};
  const latency: Partial<Record<RowId, LatencyRun[]>> = {};
  const tracing: Partial<Record<TracingModeName, ThroughputRun[]>> = {};
  const jdbc: JdbcRun[] = [];
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
  return { throughput, latency, tracing, jdbc: jdbcPlan === undefined ? undefined : jdbc, failures };
}

/** A throughput run's progress line. */
function describeThroughput(result: ThroughputRun): string {
  const { verification } = result;
  return `  ${Math.round(result.recordsPerSec).toLocaleString("en-US")} records/s, ${result.mbPerSec.toFixed(1)} MB/s; ${verification.method}: ${verification.isOk ? "ok" : verification.detail}`;
}
