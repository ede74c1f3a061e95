import { defineConfig, validators } from "@connect-mesh/connector-sdk";
import { CONNECTION_KEYS } from "../connection/connection-keys.js";

/** How the source finds new rows: Confluent's `mode`. */
export type SourceMode = "bulk" | "incrementing" | "timestamp" | "timestamp+incrementing";

/** The task config key that carries a task's share of the tables, as in Confluent's connector. */
export const TABLES_KEY = "tables";

/**
 * JdbcSourceConnector's keys, with Confluent's names, defaults and meaning. `table.include.list` and
 * `table.exclude.list` are the newer names of `table.whitelist` and `table.blacklist`; either works.
 */
export const jdbcSourceConfig = defineConfig({
  ...CONNECTION_KEYS,
  mode: {
    type: "string",
    importance: "high",
    group: "Mode",
    documentation:
      "How to find new rows on each poll: bulk (the whole table every time), incrementing (a strictly " +
      "increasing column), timestamp (a column set on insert and update), or timestamp+incrementing (both: " +
      "the safest for updates).",
    validators: [validators.oneOf(["bulk", "incrementing", "timestamp", "timestamp+incrementing"])],
  },
  "incrementing.column.name": {
    type: "string",
    default: "",
    importance: "medium",
    group: "Mode",
    documentation:
      "The strictly increasing column for incrementing modes; empty finds the table's auto-increment column.",
  },
  "timestamp.column.name": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Mode",
    documentation:
      "The timestamp column(s) for timestamp modes; with several, the first non-null of them (COALESCE) counts.",
  },
  "validate.non.null": {
    type: "boolean",
    default: true,
    importance: "low",
    group: "Mode",
    documentation:
      "When the config is validated (created or changed), refuse a table with rows whose incrementing or " +
      "timestamp column is NULL, since such rows are never read. Nullable columns without NULL rows are fine.",
  },
  query: {
    type: "string",
    default: "",
    importance: "medium",
    group: "Mode",
    documentation:
      "Read the result of this query instead of whole tables; its rows go to the topic topic.prefix. The " +
      "mode's conditions are added around it, so it may have its own WHERE.",
  },
  "table.whitelist": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Database",
    documentation:
      "Tables to read (the default: every table of the connection's database or schema); names may be " +
      "qualified (schema.table).",
  },
  "table.include.list": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Database",
    documentation: "The newer name of table.whitelist.",
  },
  "table.blacklist": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Database",
    documentation: "Tables not to read.",
  },
  "table.exclude.list": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Database",
    documentation: "The newer name of table.blacklist.",
  },
  "topic.prefix": {
    type: "string",
    importance: "high",
    group: "Connector",
    documentation:
      "Prefix of the topic each table goes to (topic.prefix + table name), or the whole topic name with query.",
  },
  "poll.interval.ms": {
    type: "int",
    default: 5000,
    importance: "high",
    group: "Connector",
    documentation: "How often, in milliseconds, each table is read for new rows.",
    validators: [validators.range({ min: 1 })],
  },
  "batch.max.rows": {
    type: "int",
    default: 100,
    importance: "low",
    group: "Connector",
    documentation: "The most rows in one batch of records.",
    validators: [validators.range({ min: 1 })],
  },
  "timestamp.delay.interval.ms": {
    type: "long",
    default: 0n,
    importance: "high",
    group: "Connector",
    documentation:
      "How long after a timestamp has passed before rows with it are read, so transactions that commit " +
      "late with an earlier timestamp are not missed.",
    validators: [validators.range({ min: 0 })],
  },
});

/** JdbcSourceConnector's parsed config. */
export type JdbcSourceConfig = ReturnType<typeof jdbcSourceConfig.parse>;

/** The tables to read, whichever of the old and new key names was used. */
export function includedTables(config: JdbcSourceConfig): readonly string[] {
  return [...config.tableWhitelist, ...config.tableIncludeList];
}

/** The tables not to read, whichever of the old and new key names was used. */
export function excludedTables(config: JdbcSourceConfig): readonly string[] {
  return [...config.tableBlacklist, ...config.tableExcludeList];
}
