import type { ConfigMap, ConfigProblem } from "@connect-mesh/connector-sdk";
import { connectionProblems } from "../connection/connection-problems.js";
import type { Database } from "../connection/database.js";
import type { JdbcSinkConfig } from "./sink-config.js";
import { sinkConfigProblems } from "./sink-config-rules.js";
import { tableNameFor } from "./table-name.js";

/**
 * The sink's Validate checks beyond single keys: the rules between keys (`sinkConfigProblems`), that the
 * database answers with these credentials (a problem on connection.url, or connection.password for refused
 * credentials, never showing the password), and, without auto.create, that the table of each topic `topics`
 * names exists (a problem on table.name.format). Topics matched by `topics.regex` are not known yet.
 */
export async function validateSink(
  config: JdbcSinkConfig,
  raw: ConfigMap,
  signal: AbortSignal,
): Promise<ConfigProblem[]> {
  const problems = sinkConfigProblems(config);
  const connected = await connectionProblems(config, signal);
  const db = connected.db;
  if (db === undefined) return [...problems, ...connected.problems];
  try {
    if (!config.autoCreate)
      problems.push(...(await missingTables(db, config.tableNameFormat, topicsOf(raw))));
    return problems;
  } finally {
    await db.close();
  }
}

/** The topics the runtime key `topics` lists. */
export function topicsOf(raw: ConfigMap): string[] {
  return (raw.topics ?? "")
    .split(",")
    .map((topic) => topic.trim())
    .filter((topic) => topic !== "");
}

async function missingTables(
  db: Database,
  format: string,
  topics: readonly string[],
): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  for (const topic of topics) {
    try {
      const table = tableNameFor(format, topic, db.defaultSchema);
      if ((await db.describeTable(table)).length > 0) continue;
      problems.push({
        key: "table.name.format",
        message:
          `table ${db.dialect.qualified(table)} for topic "${topic}" does not exist and auto.create is false; ` +
          "create the table, or set auto.create=true",
      });
    } catch (error) {
      problems.push({
        key: "table.name.format",
        message: `cannot check the table for topic "${topic}": ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return problems;
}
