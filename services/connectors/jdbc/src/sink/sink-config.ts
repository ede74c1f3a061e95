import { allowedValue, defineConfig, validators } from "@connect-mesh/connector-sdk";
import { CONNECTION_KEYS } from "../connection/connection-keys.js";
import { TOPIC_PLACEHOLDER } from "./table-name.js";

/** How a record's row reaches its table: Confluent's `insert.mode`. */
export type InsertMode = "insert" | "upsert" | "update";

/** Where a row's primary key comes from: Confluent's `pk.mode`. */
export type PkMode = "none" | "kafka" | "record_key" | "record_value";

const INSERT_MODES: readonly InsertMode[] = ["insert", "upsert", "update"];
const PK_MODES: readonly PkMode[] = ["none", "kafka", "record_key", "record_value"];

/** The key columns of `pk.mode=kafka` when `pk.fields` names none, as in Confluent's connector. */
export const DEFAULT_KAFKA_PK_NAMES: readonly string[] = [
  "__connect_topic",
  "__connect_partition",
  "__connect_offset",
];

/**
 * JdbcSinkConnector's keys, with Confluent's names, defaults and meaning. `topics`, `topics.regex` and
 * `tasks.max` are the runtime's keys: it subscribes and plans with them, and the plugin passes them through.
 */
export const jdbcSinkConfig = defineConfig({
  ...CONNECTION_KEYS,
  "insert.mode": {
    type: "string",
    default: "insert",
    importance: "high",
    group: "Writes",
    displayName: "Insert Mode",
    documentation:
      "The insertion mode to use. insert: plain INSERT statements. upsert: insert, or update the row with " +
      "the same primary key (MySQL INSERT ... ON DUPLICATE KEY UPDATE, PostgreSQL INSERT ... ON CONFLICT DO " +
      "UPDATE), so that a record delivered twice leaves the table as once. update: UPDATE the row with the " +
      "same primary key (a record whose row does not exist changes nothing). upsert and update need a pk.mode " +
      "other than none.",
    validators: [validators.oneOf(INSERT_MODES, { caseInsensitive: true })],
  },
  "batch.size": {
    type: "int",
    default: 3000,
    importance: "medium",
    group: "Writes",
    displayName: "Batch Size",
    documentation:
      "The most rows per INSERT (or DELETE) statement. Each batch the worker delivers is written in one " +
      "transaction, as several statements when it holds more rows; 0 writes one row per statement.",
    validators: [validators.range({ min: 0 })],
  },
  "delete.enabled": {
    type: "boolean",
    default: false,
    importance: "medium",
    group: "Writes",
    displayName: "Enable deletes",
    documentation:
      "Whether to treat null record values (tombstones) as deletes of the row with the record's key. " +
      "Requires pk.mode to be record_key. Without it, a tombstone is an error.",
  },
  "table.name.format": {
    type: "string",
    default: TOPIC_PLACEHOLDER,
    importance: "medium",
    group: "Data Mapping",
    displayName: "Table Name Format",
    documentation:
      `A format string for the destination table name, which may contain '${TOPIC_PLACEHOLDER}' as a placeholder for ` +
      `the originating topic name. For example, kafka_${TOPIC_PLACEHOLDER} for the topic 'orders' maps to the table ` +
      "'kafka_orders'. A name with a dot, such as 'inventory.orders', is schema-qualified: the PostgreSQL " +
      "schema or MySQL database 'inventory'; without one, the table is in the connection's default schema.",
    validators: [validators.nonEmpty()],
  },
  "pk.mode": {
    type: "string",
    default: "none",
    importance: "high",
    group: "Data Mapping",
    displayName: "Primary Key Mode",
    documentation:
      "The primary key mode, also refer to pk.fields documentation for interplay. none: no keys utilized. " +
      "kafka: the Kafka coordinates (topic, partition, offset) are the key. record_key: field(s) from the " +
      "record key, which may be a primitive or a struct. record_value: field(s) from the record value, " +
      "which must be a struct.",
    validators: [validators.oneOf(PK_MODES, { caseInsensitive: true })],
  },
  "pk.fields": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Data Mapping",
    displayName: "Primary Key Fields",
    documentation:
      "List of comma-separated primary key field names; its meaning depends on pk.mode. none: ignored. " +
      `kafka: exactly three column names for topic, partition and offset, by default ${DEFAULT_KAFKA_PK_NAMES.join(",")}. ` +
      "record_key: if empty, every field of the key struct; otherwise the key struct's fields to use, and " +
      "for a primitive key exactly one name, that of its column. record_value: if empty, every field of the " +
      "value struct; otherwise the fields to use.",
  },
  "fields.whitelist": {
    type: "list",
    default: [],
    importance: "medium",
    group: "Data Mapping",
    displayName: "Fields Whitelist",
    documentation:
      "List of comma-separated record value field names. If empty, every field of the record value is " +
      "written; otherwise only these. pk.fields is applied independently: key columns are always written, " +
      "and this list filters the other columns.",
  },
  "auto.create": {
    type: "boolean",
    default: false,
    importance: "medium",
    group: "DDL Support",
    displayName: "Auto-Create",
    documentation:
      "Whether to create a missing destination table from the record's schema with CREATE TABLE (a column " +
      "per field, the pk.mode columns as its primary key).",
  },
  "auto.evolve": {
    type: "boolean",
    default: false,
    importance: "medium",
    group: "DDL Support",
    displayName: "Auto-Evolve",
    documentation:
      "Whether to add the columns a table lacks for the record's fields with ALTER TABLE ... ADD. Only " +
      "optional fields, or fields with a default value, can be added; columns are never dropped or changed.",
  },
  "max.retries": {
    type: "int",
    default: 10,
    importance: "medium",
    group: "Retries",
    displayName: "Maximum Retries",
    documentation:
      "Accepted for compatibility with Confluent's connector and not used: the worker retries a batch the " +
      "database could not take for a passing reason (a lost connection, a deadlock) for as long as the " +
      "reason lasts, with capped, jittered backoff (errors.retry.delay.max.ms caps the delay), and shows " +
      "the reason in the task's status.",
    validators: [validators.range({ min: 0 })],
  },
  "retry.backoff.ms": {
    type: "int",
    default: 3000,
    importance: "medium",
    group: "Retries",
    displayName: "Retry Backoff (millis)",
    documentation:
      "Accepted for compatibility with Confluent's connector and not used: the worker's backoff applies " +
      "(see errors.retry.delay.max.ms).",
    validators: [validators.range({ min: 0 })],
  },
});

/** The sink's parsed config. */
export type JdbcSinkConfig = ReturnType<typeof jdbcSinkConfig.parse>;

/** `insert.mode`, which Confluent's connector accepts in either case, in lower case. */
export function insertModeOf(config: JdbcSinkConfig): InsertMode {
  return allowedValue(INSERT_MODES, config.insertMode, "insert.mode");
}

/** `pk.mode`, which Confluent's connector accepts in either case, in lower case. */
export function pkModeOf(config: JdbcSinkConfig): PkMode {
  return allowedValue(PK_MODES, config.pkMode, "pk.mode");
}
