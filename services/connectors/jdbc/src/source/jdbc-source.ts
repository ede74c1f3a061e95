import {
  ConfigError,
  type ConfigMap,
  type ConfigProblem,
  defineSourcePlugin,
  FatalError,
  type PlainMap,
  type SourcePlugin,
  type SourceTaskContext,
  sleep,
} from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import { connectionProblems } from "../connection/connection-problems.js";
import type { Database } from "../connection/database.js";
import { checkTimeZone } from "../connection/micros-text.js";
import { openDatabase } from "../connection/open-database.js";
import { JDBC_CONNECTOR_VERSION } from "../version.js";
import { configProblems, modeColumns, tableListKey } from "./mode-columns.js";
import { fromOffset } from "./row-position.js";
import {
  excludedTables,
  includedTables,
  type JdbcSourceConfig,
  jdbcSourceConfig,
  type SourceMode,
  TABLES_KEY,
} from "./source-config.js";
import { TableReader } from "./table-reader.js";
import { key, selectTables, tableNameOf } from "./table-selection.js";

/** Confluent's JdbcSourceConnector's class name, which users write in connector.class. */
export const JDBC_SOURCE_CLASS = "io.confluent.connect.jdbc.JdbcSourceConnector";

/**
 * Confluent's JDBC source for MariaDB/MySQL and PostgreSQL: reads tables (or one query) into Kafka, one
 * topic per table (`topic.prefix` + table name), each row a STRUCT named after its table, with the modes
 * bulk, incrementing, timestamp and timestamp+incrementing. Offsets are kept per table, so a restart
 * resumes; `tasks.max` splits the tables across tasks.
 */
export function jdbcSource(): SourcePlugin<JdbcSourceConfig> {
  return defineSourcePlugin({
    className: JDBC_SOURCE_CLASS,
    aliases: ["JdbcSourceConnector", "JdbcSource"],
    version: JDBC_CONNECTOR_VERSION,
    description: "Reads database tables (MariaDB/MySQL, PostgreSQL) into Kafka topics, one per table",
    config: jdbcSourceConfig,
    validate: ({ config, signal }) => validateSource(config, signal),
    plan: async ({ config, raw, maxTasks, signal }) => {
      const problems = configProblems(config);
      if (problems.length > 0) throw new ConfigError("the JdbcSourceConnector config", problems);
      // A query is one result set: one task reads it.
      if (config.query !== "") return [{ ...raw }];
      const db = await openDatabase(config, signal);
      const tables = await readableTables(config, db).finally(() => db.close());
      const groups = Array.from({ length: Math.min(maxTasks, tables.length) }, (_, task) =>
        tables.filter((_, index) => index % maxTasks === task),
      );
      return groups.map((group) => ({ ...raw, [TABLES_KEY]: group.join(",") }));
    },
    read: (task) => readTables(task),
  });
}

async function validateSource(config: JdbcSourceConfig, signal: AbortSignal): Promise<ConfigProblem[]> {
  const problems = [...configProblems(config), ...zoneProblems(config.dbTimezone)];
  const connected = await connectionProblems(config, signal);
  const db = connected.db;
  if (db === undefined) return [...problems, ...connected.problems];
  try {
    if (config.query !== "") return problems;
    const selection = await selectTables(db, includedTables(config), excludedTables(config));
    for (const name of selection.missing) {
      problems.push({ key: tableListKey(config), message: `table ${name} does not exist in the database` });
    }
    if (selection.tables.length === 0 && selection.missing.length === 0) {
      problems.push({
        key: "table.whitelist",
        message: "no table to read: the database has none that match",
      });
    }
    for (const table of selection.tables) {
      problems.push(...(await modeColumns(db, table, config, { checkNullRows: true })).problems);
    }
    return problems;
  } finally {
    await db.close();
  }
}

function zoneProblems(zone: string): ConfigProblem[] {
  try {
    checkTimeZone(zone);
    return [];
  } catch (error) {
    return [{ key: "db.timezone", message: error instanceof Error ? error.message : String(error) }];
  }
}

/** The tables to read, as "schema.table"; a configured table that does not exist fails the connector. */
async function readableTables(config: JdbcSourceConfig, db: Database): Promise<string[]> {
  const selection = await selectTables(db, includedTables(config), excludedTables(config));
  if (selection.missing.length > 0) {
    throw new FatalError(
      `table ${selection.missing.join(", ")} does not exist in the database; create it, or fix ${tableListKey(config)}`,
    );
  }
  return selection.tables.map(key);
}

/** One task: polls each of its readers when due, and yields the batches they read. */
async function* readTables(task: SourceTaskContext): AsyncGenerator<ConnectRecord[]> {
  const config = jdbcSourceConfig.parse(task.config);
  checkTimeZone(config.dbTimezone);
  const db = await openDatabase(config, task.signal);
  try {
    const readers = await readersFor(task, config, db);
    task.logger.info({ readers: readers.map((r) => r.description), mode: config.mode }, "reading");
    while (!task.signal.aborted) {
      const due = readers.reduce((a, b) => (b.nextPollAt < a.nextPollAt ? b : a));
      await sleep(due.nextPollAt - Date.now(), task.signal);
      if (task.signal.aborted) return;
      const startedAt = Date.now();
      yield* due.poll(db, task.signal);
      due.nextPollAt = startedAt + config.pollIntervalMs;
    }
  } finally {
    await db.close();
  }
}

async function readersFor(
  task: SourceTaskContext,
  config: JdbcSourceConfig,
  db: Database,
): Promise<TableReader[]> {
  const settings = (incrementingColumn: string | undefined, topic: string) => ({
    // The mode key's own validator admits only the four modes.
    mode: config.mode as SourceMode,
    topic,
    timestampColumns: config.timestampColumnName,
    incrementingColumn,
    batchMaxRows: config.batchMaxRows,
    timestampDelayMs: config.timestampDelayIntervalMs,
    zone: config.dbTimezone,
    logger: task.logger,
  });
  const positionOf = (partition: PlainMap) => fromOffset(task.offsetFor(partition));
  if (config.query !== "") {
    const partition = { query: "query" };
    const incrementing = config.incrementingColumnName === "" ? undefined : config.incrementingColumnName;
    return [
      new TableReader(
        { kind: "query", query: config.query },
        settings(incrementing, config.topicPrefix),
        partition,
        positionOf(partition),
      ),
    ];
  }
  const readers: TableReader[] = [];
  for (const name of await tablesOf(task.config, config, db)) {
    const table = tableNameOf(name, db.defaultSchema);
    const columns = await modeColumns(db, table, config, { checkNullRows: false });
    if (columns.problems.length > 0)
      throw new ConfigError("the JdbcSourceConnector config", columns.problems);
    const partition = { protocol: "1", table: key(table) };
    readers.push(
      new TableReader(
        { kind: "table", table },
        settings(columns.incrementingColumn, `${config.topicPrefix}${table.name}`),
        partition,
        positionOf(partition),
      ),
    );
  }
  return readers;
}

/**
 * A task's tables, as `plan` listed them. A task config without the list (the connector's own config, as
 * the conformance kit sends it) reads every table the connector names, as a single task would.
 */
async function tablesOf(taskConfig: ConfigMap, config: JdbcSourceConfig, db: Database): Promise<string[]> {
  const listed = taskConfig[TABLES_KEY];
  return listed !== undefined && listed !== "" ? listed.split(",") : readableTables(config, db);
}
