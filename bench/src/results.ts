import type { Verification } from "./file-compare.js";
import type { MachineInfo } from "./machine.js";
import type { BenchOptions, RowId } from "./options.js";
import type { ProcessUsage } from "./process-sampler.js";
import type { TracingModeName } from "./tracing-modes.js";

/** One throughput measurement of one row on one workload. */
export interface ThroughputRun {
  readonly records: number;
  /** The lines' bytes (what the files hold), not the bytes on the wire, so that rows compare. */
  readonly bytes: number;
  readonly seconds: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly processes: readonly ProcessUsage[];
  readonly verification: Verification;
  /** Figures particular to a row (the producer's and consumer's own rates of row A, say). */
  readonly notes: Readonly<Record<string, number>>;
}

/** One fixed-rate latency measurement of one row. */
export interface LatencyRun {
  readonly records: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** What was timed, from where to where. */
  readonly measures: string;
  readonly processes: readonly ProcessUsage[];
  readonly verification: Verification;
}

/**
 * One run of a row that copies a fixed set of records into a target system through connectors, timed until
 * the target holds them all: row E (a MariaDB table into PostgreSQL through Kafka, by the JDBC connectors)
 * and row F (a topic's records into an Elasticsearch index, by the search sink connector).
 */
export interface CopyRun {
  /** Records copied: E's table rows, F's documents. */
  readonly records: number;
  /** From creating the connectors to the target holding every record. */
  readonly seconds: number;
  readonly recordsPerSec: number;
  readonly processes: readonly ProcessUsage[];
  /** E: the target table's count and checksum against the source table's. F: the index's count and ids. */
  readonly verification: Verification;
  /** Figures beside the timed part, such as how long filling the source table took. */
  readonly notes: Readonly<Record<string, number>>;
}

/** Everything one `npm run bench` measured, as written to its JSON file. */
export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: BenchOptions;
  readonly machine: MachineInfo;
  readonly rows: Readonly<Record<RowId, string>>;
  /** workload name → row → runs. */
  readonly throughput: Readonly<Record<string, Partial<Record<RowId, readonly ThroughputRun[]>>>>;
  readonly latency: Partial<Record<RowId, readonly LatencyRun[]>>;
  /** Row D's tracing-overhead runs by mode; absent from results written before they existed. */
  readonly tracing?: Partial<Record<TracingModeName, readonly ThroughputRun[]>>;
  /** Row E's runs; absent when it did not run, and from results written before it existed. */
  readonly jdbc?: readonly CopyRun[];
  /** Row F's runs; absent when it did not run, and from results written before it existed. */
  readonly search?: readonly CopyRun[];
  /** Runs that could not be measured, and why. */
  readonly failures: readonly RunFailure[];
}

/**
 * A run that failed: which row, which measurement (a workload's name, "latency", "tracing <mode>", "jdbc"
 * or "search"), and why.
 */
export interface RunFailure {
  readonly row: RowId;
  readonly measurement: string;
  readonly run: number;
  readonly reason: string;
}

/** Bytes per MB in the bench's MB/s, as Kafka's perf tools count them. */
const BYTES_PER_MB = 1024 * 1024;

/** A throughput run from what was moved and how long it took. */
export function throughputRun(figures: {
  readonly records: number;
  readonly lineBytes: number;
  readonly seconds: number;
  readonly processes: readonly ProcessUsage[];
  readonly verification: Verification;
  readonly notes?: Readonly<Record<string, number>>;
}): ThroughputRun {
  const bytes = figures.records * figures.lineBytes;
  return {
    records: figures.records,
    bytes,
    seconds: figures.seconds,
    recordsPerSec: figures.records / figures.seconds,
    mbPerSec: bytes / BYTES_PER_MB / figures.seconds,
    processes: figures.processes,
    verification: figures.verification,
    notes: figures.notes ?? {},
  };
}
