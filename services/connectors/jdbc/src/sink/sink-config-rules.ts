import { ConfigError, type ConfigProblem } from "@connect-mesh/connector-sdk";
import { checkTimeZone } from "../connection/micros-text.js";
import { DEFAULT_KAFKA_PK_NAMES, insertModeOf, type JdbcSinkConfig, pkModeOf } from "./sink-config.js";

/**
 * The rules that tie the sink's keys together, which no single key's validator can check: Confluent's
 * (deletes need record_key keys; pk.mode=kafka names three columns or none) and two of ours (upsert and
 * update need a key to match rows on; db.timezone must be a zone this runtime knows). Pure: the same
 * answer for `validate`, `plan` and `open`.
 */
export function sinkConfigProblems(config: JdbcSinkConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pkMode = pkModeOf(config);
  const insertMode = insertModeOf(config);
  if (config.deleteEnabled && pkMode !== "record_key") {
    problems.push({
      key: "delete.enabled",
      message:
        `Primary key mode must be 'record_key' when delete support is enabled (pk.mode is '${pkMode}'); ` +
        "set pk.mode=record_key, or delete.enabled=false",
    });
  }
  if (insertMode !== "insert" && pkMode === "none") {
    problems.push({
      key: "pk.mode",
      message:
        `insert.mode=${insertMode} matches rows by their primary key, but pk.mode is 'none'; set pk.mode to ` +
        "kafka, record_key or record_value, or use insert.mode=insert",
    });
  }
  if (pkMode === "kafka" && config.pkFields.length !== 0 && config.pkFields.length !== 3) {
    problems.push({
      key: "pk.fields",
      message:
        `pk.mode is 'kafka', so pk.fields must name no columns (for the defaults ${DEFAULT_KAFKA_PK_NAMES.join(",")}) ` +
        `or exactly 3 (topic, partition, offset), not ${config.pkFields.length}: ${config.pkFields.join(",")}`,
    });
  }
  try {
    checkTimeZone(config.dbTimezone);
  } catch (error) {
    problems.push({ key: "db.timezone", message: error instanceof Error ? error.message : String(error) });
  }
  return problems;
}

/** Throws a ConfigError listing every problem `sinkConfigProblems` finds, as `plan` and `open` must. */
export function assertSinkConfig(config: JdbcSinkConfig): void {
  const problems = sinkConfigProblems(config);
  if (problems.length > 0) throw new ConfigError("the JdbcSinkConnector config", problems);
}
