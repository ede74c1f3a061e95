import type { BenchStack } from "../bench-stack.js";
import { ConnectRest } from "../connect-rest.js";
import { jdbcSinkConfig, jdbcSourceConfig } from "../jdbc-connector-configs.js";
import {
  createBenchTopic,
  deleteBenchTopic,
  firstRecordTimestampMs,
  lastRecordTimestampMs,
} from "../kafka-topics.js";
import { MariaDbSource, SOURCE_DATABASE } from "../mariadb-source-table.js";
import { startSampler } from "../measurement.js";
import type { JdbcPlan } from "../options.js";
import { PostgresTarget } from "../postgres-target-table.js";
import { readProcTree } from "../proc-tree.js";
import type { ProcessUsage, SampledProcess } from "../process-sampler.js";
import type { CopyRun } from "../results.js";
import { waitForRowCount } from "../row-count-wait.js";
import { compareDigests, digestTable } from "../table-digest.js";
import type { BenchContext } from "./bench-row.js";

/** Row E: the JDBC connectors copying a MariaDB table into PostgreSQL through the bench's stack. */
export interface JdbcRow {
  readonly id: "E";
  readonly title: string;
  /** `runId` is unique in the bench run; the tables, topic and connectors are named after it. */
  measure(plan: JdbcPlan, runId: string): Promise<CopyRun>;
  /** Closes the row's database sessions. */
  close(): Promise<void>;
}

/** The topic prefix: the source's topic is this plus the table's name, and the sink's table the topic's. */
const TOPIC_PREFIX = "bench_";

/** The stack's components sampled in row E besides the broker and the workers, under the names the tables use. */
const SAMPLED = [
  ["connector-jdbc", "jdbc service"],
  ["coordinator", "coordinator"],
  ["etcd", "etcd"],
  ["mariadb", "MariaDB"],
] as const;

/**
 * Row E, MariaDB → Kafka → PostgreSQL: connect-mesh (coordinator, worker and the TypeScript JDBC connector
 * service) given Confluent's JdbcSourceConnector and JdbcSinkConnector configs over the REST API, on the
 * bench's own stack started with MariaDB and PostgreSQL. Each run fills a table of its own beforehand,
 * times the copy, then compares both tables row by row.
 */
export async function jdbcRow(context: BenchContext, stack: BenchStack): Promise<JdbcRow> {
  const rest = new ConnectRest(stack.restUrl);
  const mariadb = await MariaDbSource.connect(stack.config.mariadbPort);
  const postgres = await PostgresTarget.connect(stack.config.postgresPort).catch(async (error: unknown) => {
    await mariadb.close();
    throw error;
  });
  return {
    id: "E",
    title: "MariaDB → Kafka → PostgreSQL: connect-mesh + JDBC source and sink (Node)",
    measure: (plan, runId) => measureJdbcRun({ context, stack, rest, mariadb, postgres }, plan, runId),
    close: async () => {
      try {
        await mariadb.close();
      } finally {
        await postgres.close();
      }
    },
  };
}

interface RunSetting {
  readonly context: BenchContext;
  readonly stack: BenchStack;
  readonly rest: ConnectRest;
  readonly mariadb: MariaDbSource;
  readonly postgres: PostgresTarget;
}

/** One run's names, after its id: the source table, its topic (and so the target table), the connectors. */
function runNames(runId: string) {
  const table = `jdbc_${runId.replaceAll(/[^a-z0-9]/gi, "_").toLowerCase()}`;
  return {
    table,
    topic: `${TOPIC_PREFIX}${table}`,
    source: `bench-${runId}-source`,
    sink: `bench-${runId}-sink`,
  };
}

async function measureJdbcRun(setting: RunSetting, plan: JdbcPlan, runId: string): Promise<CopyRun> {
  const { context, stack, mariadb, postgres } = setting;
  const names = runNames(runId);
  const fillStartedAt = performance.now();
  await mariadb.createAndFill(names.table, plan.rows);
  const fillSeconds = (performance.now() - fillStartedAt) / 1000;
  context.progress(
    `  filled MariaDB table ${SOURCE_DATABASE}.${names.table} with ${plan.rows} rows in ${fillSeconds.toFixed(1)} s`,
  );
  await createBenchTopic(context.admin, names.topic);
  // A session of its own for counting, so that its backend can be left out of PostgreSQL's CPU.
  const counter = await PostgresTarget.connect(stack.config.postgresPort);
  try {
    const copy = await timeCopy(setting, names, plan, counter);
    const source = await digestTable((afterId, limit) => mariadb.readPage(names.table, afterId, limit));
    const target = await digestTable((afterId, limit) => postgres.readPage(names.topic, afterId, limit));
    return {
      records: plan.rows,
      seconds: copy.seconds,
      recordsPerSec: plan.rows / copy.seconds,
      processes: copy.processes,
      verification: compareDigests(source, target),
      notes: { fillSeconds, ...copy.timeline },
    };
  } finally {
    await counter.close();
    await cleanUp(setting, names);
  }
}

/**
 * Creates the connectors and waits until PostgreSQL holds every row, sampling the processes meanwhile;
 * then deletes the connectors, so nothing writes while the tables are compared, and reads from the topic
 * when its first and last records were produced.
 */
async function timeCopy(
  setting: RunSetting,
  names: ReturnType<typeof runNames>,
  plan: JdbcPlan,
  counter: PostgresTarget,
): Promise<{ seconds: number; processes: readonly ProcessUsage[]; timeline: Record<string, number> }> {
  const { context, stack, rest } = setting;
  const sampler = await startSampler(context, sampledProcesses(stack, counter.backendPid));
  try {
    // Wall-clock ms throughout, since the records' Kafka timestamps are.
    const startedAt = Date.now();
    await rest.createConnector(
      names.sink,
      jdbcSinkConfig({ postgresPort: stack.config.postgresPort, topic: names.topic }),
    );
    await rest.createConnector(
      names.source,
      jdbcSourceConfig({
        mariadbPort: stack.config.mariadbPort,
        database: SOURCE_DATABASE,
        table: names.table,
        topicPrefix: TOPIC_PREFIX,
        batchMaxRows: plan.batchMaxRows,
      }),
    );
    const counted = await waitForRowCount({
      count: () => counter.count(names.topic),
      expected: plan.rows,
      failureOf: async () => (await rest.failureOf(names.source)) ?? (await rest.failureOf(names.sink)),
      description: `PostgreSQL table public.${names.topic}`,
      connectorService: "connector-jdbc",
      // A minute to start, then at least 500 rows/s; a slower run is broken, not slow.
      timeoutMs: 60_000 + plan.rows * 2,
      signal: context.signal,
    }).catch(async (error: unknown) => {
      await reportStatus(setting, names);
      throw error;
    });
    const processes = await sampler.stop();
    await deleteConnectors(rest, names);
    const after = (ms: number) => (ms - startedAt) / 1000;
    const firstRecordMs = await firstRecordTimestampMs(context.kafka, names.topic, context.signal);
    const lastRecordMs = await lastRecordTimestampMs(
      context.kafka,
      context.admin,
      names.topic,
      context.signal,
    );
    return {
      seconds: after(counted.allRowsAt),
      processes,
      timeline: {
        firstRecordSeconds: after(firstRecordMs),
        lastRecordSeconds: after(lastRecordMs),
        firstRowsSeconds: after(counted.firstRowsAt),
      },
    };
  } finally {
    await sampler.stop();
  }
}

/**
 * The processes to sample, their pids looked up now (the tracing runs restart the worker). PostgreSQL is
 * a tree of processes, less the backend serving the bench's own counting, which is shown on its own so
 * that what the measuring costs is seen too.
 */
function sampledProcesses(stack: BenchStack, counterPid: number): SampledProcess[] {
  const excluded = new Set([counterPid]);
  return [
    ...stack.workerProcesses(),
    ...SAMPLED.map(([component, label]) => ({ label, pid: stack.pidOf(component) })),
    { label: "PostgreSQL", pid: stack.pidOf("postgres"), read: (pid: number) => readProcTree(pid, excluded) },
    { label: "bench's count(*)", pid: counterPid },
  ];
}

/** Prints both connectors' status in full before they are deleted, since the failure's trace is in it. */
async function reportStatus(setting: RunSetting, names: ReturnType<typeof runNames>): Promise<void> {
  for (const name of [names.source, names.sink]) {
    const status = await setting.rest.statusOf(name).catch((error: unknown) => String(error));
    setting.context.progress(`  GET /connectors/${name}/status: ${JSON.stringify(status)}`);
  }
}

async function deleteConnectors(rest: ConnectRest, names: ReturnType<typeof runNames>): Promise<void> {
  await rest.deleteConnector(names.source);
  await rest.deleteConnector(names.sink);
}

/** Leaves nothing behind, whether the run finished or failed: connectors, topic and both tables. */
async function cleanUp(setting: RunSetting, names: ReturnType<typeof runNames>): Promise<void> {
  const { context, rest, mariadb, postgres } = setting;
  const warn = (what: string) => (error: unknown) =>
    context.progress(`  could not ${what}: ${String(error)}`);
  await deleteConnectors(rest, names).catch(warn(`delete the connectors of ${names.topic}`));
  await deleteBenchTopic(context.admin, names.topic).catch(warn(`delete topic ${names.topic}`));
  await mariadb.drop(names.table).catch(warn(`drop MariaDB table ${names.table}`));
  await postgres.drop(names.topic).catch(warn(`drop PostgreSQL table ${names.topic}`));
}
