import { resolve } from "node:path";
import { parseArgs } from "node:util";

/**
 * The rows of the file-pipeline comparison (issue 9), and B2, row B on @platformatic/kafka (issue 17): each
 * runs every workload and the latency run.
 */
export const FILE_ROW_IDS = ["A", "B", "B2", "C", "D"] as const;
export type FileRowId = (typeof FILE_ROW_IDS)[number];

/**
 * Every row `--rows` can name: the file pipeline's; E, MariaDB → Kafka → PostgreSQL through the JDBC
 * connectors; and F, Kafka → Elasticsearch through the search sink connector.
 */
export const ROW_IDS = [...FILE_ROW_IDS, "E", "F"] as const;
export type RowId = (typeof ROW_IDS)[number];

/** One throughput workload: a file of `lines` lines, each `lineBytes` bytes long with its newline. */
export interface Workload {
  readonly name: string;
  readonly lines: number;
  readonly lineBytes: number;
}

/** The fixed-rate run that measures end-to-end latency. */
export interface LatencyPlan {
  readonly ratePerSec: number;
  /** Lines written before measuring starts: they let tasks, groups and the JIT settle and are not counted. */
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly lineBytes: number;
}

/** Row E's run: a MariaDB table copied to PostgreSQL by the JDBC source and sink connectors. */
export interface JdbcPlan {
  /** Rows in the MariaDB table, all of them there before the connectors are created. */
  readonly rows: number;
  /** The source connector's `batch.max.rows`: the most rows in one batch it hands the worker. */
  readonly batchMaxRows: number;
}

/** Row F's run: records already in a topic indexed into Elasticsearch by the search sink connector. */
export interface SearchPlan {
  /** Records in the topic, all of them produced before the connector is created: one document each. */
  readonly documents: number;
}

/** What one `npm run bench` does. */
export interface BenchOptions {
  readonly runs: number;
  readonly workloads: readonly Workload[];
  readonly latency: LatencyPlan;
  readonly shouldMeasureLatency: boolean;
  /** Row D on the 100-byte workload with tracing off, at 1% and at 100% sampling (needs row D). */
  readonly shouldMeasureTracing: boolean;
  /** The workload of the tracing runs: the 100-byte one, also when it is not measured on its own. */
  readonly tracingWorkload: Workload;
  /** The file pipeline's rows to run (A to D, and B2); row E is `jdbc`, row F `search`. */
  readonly rows: readonly FileRowId[];
  /** Row E's run, when it is measured (`--rows` has E and `--measure` has jdbc); absent in older results. */
  readonly jdbc?: JdbcPlan;
  /** Row F's run, when it is measured (`--rows` has F and `--measure` has search); absent in older results. */
  readonly search?: SearchPlan;
  /** Where the JSON results and the chart of this run go. */
  readonly outDir: string;
  readonly isQuick: boolean;
  /** Rewrite docs/performance.md with this run's table (the default for full runs, not for --quick). */
  readonly shouldUpdateDocs: boolean;
  /** Start the mesh's Node services with `--cpu-prof`, writing their profiles into the results directory. */
  readonly cpuProfile: boolean;
  /** Keep the scratch directory (every process's log, the stack's data) instead of deleting it. */
  readonly shouldKeepScratch: boolean;
  /** Measure nothing: write the tables, chart and docs again from this results.json. */
  readonly reportFrom?: string;
}

/** A command line the bench cannot run with; the message says which flag and why. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Whether an error is about the command line: ours, or node:util's parseArgs refusing an unknown flag. */
export function isUsageError(error: unknown): error is Error {
  if (error instanceof BenchUsageError) return true;
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

export const USAGE = `npm run bench -- [flags]
  --quick                 a smoke run: 1 run, 20,000 and 4,000 lines, 3 s of latency, 10,000 table rows,
                          10,000 documents; does not touch docs/
  --runs N                runs of each measurement; each figure is their median (default 3)
  --small-lines N         lines in the 100-byte workload (default 1,000,000)
  --large-lines N         lines in the 1 KB workload (default 200,000)
  --latency-rate N        records per second of the latency run (default 10,000)
  --latency-seconds N     measured seconds of the latency run (default 20)
  --jdbc-rows N           rows row E copies from MariaDB to PostgreSQL (default 100,000)
  --jdbc-batch-max-rows N row E's source batch.max.rows (default 1,000)
  --search-docs N         records row F indexes from Kafka into Elasticsearch (default 100,000)
  --rows A,B,B2,C,D,E,F   which rows to run (default all; B2 is row B on @platformatic/kafka; E starts
                          MariaDB and PostgreSQL in the stack, F Elasticsearch)
  --measure 100b,1kb,latency,tracing,jdbc,search  which measurements to make (default all; tracing needs
                          row D, jdbc is row E's only one and search row F's)
  --out DIR               where results go (default bench/results)
  --docs / --no-docs      whether to rewrite docs/performance.md (default: yes unless --quick)
  --cpu-prof              profile the mesh's Node services (node --cpu-prof) and say where their CPU went
  --keep                  keep the scratch directory with every process's log (it is printed at the start;
                          a bench with a failed run or check keeps it anyway)
  --report FILE           measure nothing; print and write the tables, chart and docs again from a results.json`;

const FULL = {
  runs: 3,
  smallLines: 1_000_000,
  largeLines: 200_000,
  latencySeconds: 20,
  jdbcRows: 100_000,
  searchDocuments: 100_000,
};
const QUICK = {
  runs: 1,
  smallLines: 20_000,
  largeLines: 4_000,
  latencySeconds: 3,
  jdbcRows: 10_000,
  searchDocuments: 10_000,
};
/**
 * Row E's source batches: ten times the connector's default of 100, so that a batch's fixed costs (a credit
 * round trip, a produce request, a sink transaction) are spread over as many rows as the worker puts in one
 * produce request (500) or more; docs/performance.md has the measurements behind it.
 */
const JDBC_BATCH_MAX_ROWS = 1_000;

/** Parses the bench's flags; `repoRoot` anchors the default output directory. */
export function parseBenchOptions(args: readonly string[], repoRoot: string): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      quick: { type: "boolean", default: false },
      runs: { type: "string" },
      "small-lines": { type: "string" },
      "large-lines": { type: "string" },
      "latency-rate": { type: "string" },
      "latency-seconds": { type: "string" },
      "jdbc-rows": { type: "string" },
      "jdbc-batch-max-rows": { type: "string" },
      "search-docs": { type: "string" },
      rows: { type: "string" },
      measure: { type: "string" },
      out: { type: "string" },
      docs: { type: "boolean" },
      "no-docs": { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      report: { type: "string" },
    },
  });
  const base = values.quick ? QUICK : FULL;
  if (values.docs && values["no-docs"])
    throw new BenchUsageError("--docs and --no-docs contradict each other");
  const measurements = measurementsFrom(values.measure);
  const small: Workload = {
    name: "100 B lines",
    lines: positiveInteger(values["small-lines"], "--small-lines", base.smallLines),
    lineBytes: 100,
  };
  const large: Workload = {
    name: "1 KB lines",
    lines: positiveInteger(values["large-lines"], "--large-lines", base.largeLines),
    lineBytes: 1024,
  };
  const selected = rowsFrom(values.rows);
  const rows = FILE_ROW_IDS.filter((id) => selected.includes(id));
  const jdbc: JdbcPlan = {
    rows: positiveInteger(values["jdbc-rows"], "--jdbc-rows", base.jdbcRows),
    batchMaxRows: positiveInteger(
      values["jdbc-batch-max-rows"],
      "--jdbc-batch-max-rows",
      JDBC_BATCH_MAX_ROWS,
    ),
  };
  const search: SearchPlan = {
    documents: positiveInteger(values["search-docs"], "--search-docs", base.searchDocuments),
  };
  return {
    runs: positiveInteger(values.runs, "--runs", base.runs),
    workloads: [small, large].filter((w) => measurements.includes(w.lineBytes === 100 ? "100b" : "1kb")),
    shouldMeasureLatency: measurements.includes("latency"),
    shouldMeasureTracing: measurements.includes("tracing") && rows.includes("D"),
    tracingWorkload: small,
    latency: {
      ratePerSec: positiveInteger(values["latency-rate"], "--latency-rate", 10_000),
      warmupSeconds: 3,
      seconds: positiveInteger(values["latency-seconds"], "--latency-seconds", base.latencySeconds),
      lineBytes: 100,
    },
    rows,
    jdbc: measurements.includes("jdbc") && selected.includes("E") ? jdbc : undefined,
    search: measurements.includes("search") && selected.includes("F") ? search : undefined,
    outDir: resolve(repoRoot, values.out ?? "bench/results"),
    isQuick: values.quick,
    shouldUpdateDocs: values.docs ?? (!values.quick && !values["no-docs"]),
    cpuProfile: values["cpu-prof"],
    shouldKeepScratch: values.keep,
    reportFrom: values.report === undefined ? undefined : resolve(values.report),
  };
}

function positiveInteger(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll(/[_,]/g, ""));
  if (!Number.isSafeInteger(value) || value < 1)
    throw new BenchUsageError(`${flag} takes a whole number of at least 1, not "${text}"`);
  return value;
}

const MEASUREMENTS = ["100b", "1kb", "latency", "tracing", "jdbc", "search"] as const;

function measurementsFrom(text: string | undefined): string[] {
  if (text === undefined) return [...MEASUREMENTS];
  const wanted = text.split(",").map((m) => m.trim().toLowerCase());
  if (wanted.length === 0 || wanted.some((m) => !MEASUREMENTS.some((known) => known === m)))
    throw new BenchUsageError(
      `--measure takes a comma-separated subset of ${MEASUREMENTS.join(",")}, not "${text}"`,
    );
  return wanted;
}

function rowsFrom(text: string | undefined): RowId[] {
  if (text === undefined) return [...ROW_IDS];
  const rows = text.split(",").map((r) => r.trim().toUpperCase());
  const unknown = rows.filter((r) => !ROW_IDS.some((id) => id === r));
  if (unknown.length > 0 || rows.length === 0)
    throw new BenchUsageError(`--rows takes a comma-separated subset of ${ROW_IDS.join(",")}, not "${text}"`);
  return ROW_IDS.filter((id) => rows.includes(id));
}
