import type { Admin, Kafka } from "kafkajs";
import type { LatencyPlan, RowId, Workload } from "../options.js";
import type { LatencyRun, ThroughputRun } from "../results.js";

/** What every row runs against: the one broker, a scratch directory, and where to report progress. */
export interface BenchContext {
  readonly bootstrap: string;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly brokerPid: number;
  /** Scratch space for files, logs and configs of this bench run. */
  readonly workDir: string;
  /** Where Maven-fetched jars are cached (~/.cache/connect-mesh). */
  readonly cacheDir: string;
  readonly repoRoot: string;
  readonly progress: (line: string) => void;
  /** Aborts when the bench is interrupted. */
  readonly signal: AbortSignal;
}

/** One row of the comparison: what it is, and how it runs each measurement. */
export interface BenchRow {
  readonly id: RowId;
  /** What the row runs, for the table. */
  readonly title: string;
  /** `runId` is unique in the bench run; topics, groups, connectors and files are named after it. */
  measureThroughput(workload: Workload, runId: string): Promise<ThroughputRun>;
  measureLatency(plan: LatencyPlan, runId: string): Promise<LatencyRun>;
  /** Stops whatever the row keeps running between measurements. */
  close(): Promise<void>;
}
