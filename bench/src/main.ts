import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type OptionalComponent, type StandaloneJaeger, startStandaloneJaeger } from "@connect-mesh/deploy";
import { type Admin, Kafka, logLevel } from "kafkajs";
import { type BenchStack, startBenchStack, stopBenchStack } from "./bench-stack.js";
import { reportServiceProfiles } from "./cpu-profiles.js";
import { currentLoad, describeMachine } from "./machine.js";
import {
  type BenchOptions,
  type FileRowId,
  isUsageError,
  parseBenchOptions,
  type RowId,
  USAGE,
} from "./options.js";
import { writeOutputs } from "./outputs.js";
import { runPlan } from "./plan.js";
import type { BenchResults } from "./results.js";
import type { BenchContext, BenchRow } from "./rows/bench-row.js";
import { connectMeshRow } from "./rows/connect-mesh-row.js";
import { type JdbcRow, jdbcRow } from "./rows/jdbc-row.js";
import { kafkaConnectRow } from "./rows/kafka-connect-row.js";
import { kafkaToolsRow } from "./rows/kafka-tools-row.js";
import { rawKafkajsRow } from "./rows/raw-kafkajs-row.js";
import { rawPlatformaticRow } from "./rows/raw-platformatic-row.js";
import { type SearchRow, searchRow } from "./rows/search-row.js";
import { type TracedMeshRow, tracedMeshRow } from "./rows/traced-mesh-row.js";

/**
 * `npm run bench`: starts one stack (the broker every row uses, and the mesh; MariaDB and PostgreSQL too
 * when row E runs, Elasticsearch when row F runs), runs rows A to D and B2 on both workloads, row E's table copy,
 * row F's indexing, row D with tracing off and on (spans to a Jaeger of its own) and the latency run,
 * prints the tables, writes the JSON results and the chart, and (for a full run) rewrites the results in
 * docs/performance.md. Everything it started is stopped at the end, also after a failure or one Ctrl-C.
 */
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const print = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const ROWS: Record<FileRowId, (context: BenchContext, stack: BenchStack) => BenchRow | Promise<BenchRow>> = {
  A: (context) => kafkaToolsRow(context),
  B: (context) => rawKafkajsRow(context),
  B2: (context) => rawPlatformaticRow(context),
  C: (context) => kafkaConnectRow(context),
  D: (context, stack) => connectMeshRow(context, stack),
};

async function main(): Promise<number> {
  if (process.argv.includes("--help")) {
    print(USAGE);
    return 0;
  }
  const options = parseBenchOptions(process.argv.slice(2), repoRoot);
  if (options.reportFrom !== undefined) return reportAgain(options.reportFrom, options.shouldUpdateDocs);
  const interrupted = new AbortController();
  process.once("SIGINT", () => {
    progress(
      "interrupted: stopping after cleaning up (Ctrl-C again kills the bench and leaves the stack running)",
    );
    interrupted.abort(new Error("interrupted"));
  });
  const machine = await describeMachine();
  const startedAt = new Date().toISOString();
  const resultDir = join(options.outDir, startedAt.replaceAll(":", "-").slice(0, 19));
  await mkdir(resultDir, { recursive: true });
  const workDir = await mkdtemp(join(tmpdir(), "connect-mesh-bench-"));
  const profileDir = options.cpuProfile ? join(resultDir, "profiles") : undefined;
  const rows: BenchRow[] = [];
  let jdbc: JdbcRow | undefined;
  let search: SearchRow | undefined;
  let stack: BenchStack | undefined;
  let admin: Admin | undefined;
  let jaeger: StandaloneJaeger | undefined;
  /** Every row started so far, E and F after the file pipeline's: what the tables title and what is closed. */
  const startedRows = () => [
    ...rows,
    ...(jdbc === undefined ? [] : [jdbc]),
    ...(search === undefined ? [] : [search]),
  ];
  // Until every run has passed its checks, the scratch directory holds the only logs that say why not.
  let isAllWell = false;
  try {
    const stackDir = join(workDir, "stack");
    progress(
      `scratch directory ${workDir}; should the bench be killed, stop its stack with: npx cmesh down --run-dir ${stackDir}`,
    );
    stack = await startBenchStack(stackDir, progress, profileDir, stackComponentsFor(options));
    const kafka = new Kafka({ clientId: "bench", brokers: [stack.bootstrap], logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    const context: BenchContext = {
      bootstrap: stack.bootstrap,
      kafka,
      admin,
      brokerPid: stack.pidOf("kafka"),
      workDir,
      cacheDir: stack.config.cacheDir,
      repoRoot,
      progress,
      signal: interrupted.signal,
    };
    for (const id of options.rows) rows.push(await ROWS[id](context, stack));
    if (options.jdbc !== undefined) jdbc = await jdbcRow(context, stack);
    if (options.search !== undefined) search = searchRow(context, stack);
    let tracedMesh: TracedMeshRow | undefined;
    if (options.shouldMeasureTracing) {
      progress("starting Jaeger to receive the tracing runs' spans");
      jaeger = await startStandaloneJaeger({
        cacheDir: stack.config.cacheDir,
        runDir: join(workDir, "jaeger"),
      });
      tracedMesh = tracedMeshRow(context, stack, jaeger.otlpEndpoint);
    }

    const measured = await runPlan(rows, options, progress, interrupted.signal, { tracedMesh, jdbc, search });
    const results: BenchResults = {
      startedAt,
      finishedAt: new Date().toISOString(),
      options,
      machine: { ...machine, loadAtEnd: currentLoad() },
      rows: Object.fromEntries(startedRows().map((row) => [row.id, row.title])) as Record<RowId, string>,
      ...measured,
    };
    isAllWell = await writeOutputs({ results, resultDir, repoRoot, print, progress });
    return isAllWell ? 0 : 1;
  } finally {
    for (const row of startedRows())
      await row.close().catch((error: unknown) => progress(`could not stop row ${row.id}: ${String(error)}`));
    await admin?.disconnect();
    if (stack !== undefined) await stopBenchStack(stack);
    // After the stack, so the services' last spans still find it.
    await jaeger?.stop();
    if (stack !== undefined && profileDir !== undefined)
      await reportServiceProfiles(
        profileDir,
        stack.workers.map((worker) => worker.name),
        stack.processesOf,
        print,
      );
    if (options.shouldKeepScratch) progress(`kept the scratch directory ${workDir}`);
    else if (!isAllWell) progress(`kept the scratch directory ${workDir}, whose logs say what went wrong`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

/** The stack's optional components the run's rows need: E's databases, F's search engine. */
function stackComponentsFor(options: BenchOptions): OptionalComponent[] {
  return [
    ...(options.jdbc === undefined ? [] : (["mariadb", "postgres"] as const)),
    ...(options.search === undefined ? [] : (["elasticsearch"] as const)),
  ];
}

/** `--report FILE`: the outputs of an earlier run, written again (after a change to the tables, say). */
async function reportAgain(file: string, shouldUpdateDocs: boolean): Promise<number> {
  const stored = JSON.parse(await readFile(file, "utf8")) as BenchResults;
  const results = { ...stored, options: { ...stored.options, shouldUpdateDocs } };
  const isAllWell = await writeOutputs({ results, resultDir: dirname(file), repoRoot, print, progress });
  return isAllWell ? 0 : 1;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    if (isUsageError(error)) {
      progress(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
