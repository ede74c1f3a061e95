import type { ConfigProblem } from "@connect-mesh/connector-sdk";
import type { Database } from "../connection/database.js";
import type { TableName } from "../connection/table-name.js";
import type { JdbcSourceConfig } from "./source-config.js";

/** A table's incrementing column as the mode needs it, and what is wrong with the mode's columns there. */
export interface ModeColumns {
  readonly incrementingColumn: string | undefined;
  readonly problems: readonly ConfigProblem[];
}

/**
 * Checks that a table has the columns its mode reads: the timestamp and incrementing columns exist, and,
 * with `checkNullRows` (Validate, before the connector starts) and validate.non.null, that no row has NULL
 * there, since such a row is never read by any poll. A task does not count NULL rows when it starts: a
 * full scan at every start is costly, and a row that became NULL later should not stop a running pipeline.
 * Confluent's connector refuses any nullable column instead; that refuses Connect's own MySQL example, whose
 * `login_time DATETIME` is nullable but never NULL. Without incrementing.column.name, the table's
 * auto-increment column is used.
 */
export async function modeColumns(
  db: Database,
  table: TableName,
  config: JdbcSourceConfig,
  options: { readonly checkNullRows: boolean },
): Promise<ModeColumns> {
  const columns = await db.describeTable(table);
  const where = `table ${table.schema}.${table.name}`;
  if (columns.length === 0) {
    return {
      incrementingColumn: undefined,
      problems: [{ key: "table.whitelist", message: `${where} does not exist` }],
    };
  }
  const problems: ConfigProblem[] = [];
  const find = (name: string) => columns.find((column) => column.name === name);
  const usesTimestamp = config.mode === "timestamp" || config.mode === "timestamp+incrementing";
  const usesIncrementing = config.mode === "incrementing" || config.mode === "timestamp+incrementing";
  if (usesTimestamp) {
    for (const name of config.timestampColumnName) {
      const column = find(name);
      if (column === undefined) {
        problems.push({ key: "timestamp.column.name", message: `${where} has no column "${name}"` });
      }
    }
    const declared = config.timestampColumnName.map(find);
    if (
      options.checkNullRows &&
      config.validateNonNull &&
      declared.every((column) => column?.isNullable === true)
    ) {
      problems.push(
        ...(await unreadableRows(db, table, config.timestampColumnName, "timestamp.column.name")),
      );
    }
  }
  let incrementingColumn: string | undefined;
  if (usesIncrementing) {
    const configured = config.incrementingColumnName;
    const column = configured === "" ? columns.find((c) => c.isAutoIncrement) : find(configured);
    if (column === undefined) {
      problems.push({
        key: "incrementing.column.name",
        message:
          configured === ""
            ? `${where} has no auto-increment column; name one in incrementing.column.name`
            : `${where} has no column "${configured}"`,
      });
    } else {
      incrementingColumn = column.name;
      if (options.checkNullRows && config.validateNonNull && column.isNullable) {
        problems.push(...(await unreadableRows(db, table, [column.name], "incrementing.column.name")));
      }
    }
  }
  return { incrementingColumn, problems };
}

/** The problems with key combinations that need no database: what the mode needs, what excludes what. */
export function configProblems(config: JdbcSourceConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const usesTimestamp = config.mode === "timestamp" || config.mode === "timestamp+incrementing";
  if (usesTimestamp && config.timestampColumnName.length === 0) {
    problems.push({
      key: "timestamp.column.name",
      message: `mode ${config.mode} needs timestamp.column.name`,
    });
  }
  const hasTables =
    config.tableWhitelist.length +
      config.tableIncludeList.length +
      config.tableBlacklist.length +
      config.tableExcludeList.length >
    0;
  if (config.query !== "" && hasTables) {
    problems.push({ key: "query", message: "query reads its own rows; leave out the table lists with it" });
  }
  if (
    config.tableWhitelist.length + config.tableIncludeList.length > 0 &&
    config.tableBlacklist.length + config.tableExcludeList.length > 0
  ) {
    problems.push({
      key: "table.blacklist",
      message: "give the tables to read or those to leave out, not both",
    });
  }
  if (config.query !== "" && config.mode.endsWith("incrementing") && config.incrementingColumnName === "") {
    problems.push({ key: "incrementing.column.name", message: "with query, name the incrementing column" });
  }
  return problems;
}

/** A problem on `key` when rows of the table have NULL in every one of `columns`, which hides them from polls. */
async function unreadableRows(
  db: Database,
  table: TableName,
  columns: readonly string[],
  key: string,
): Promise<ConfigProblem[]> {
  const quoted = columns.map((name) => db.dialect.quote(name));
  const [row] = await db.execute(
    `SELECT COUNT(*) FROM ${db.dialect.qualified(table)} WHERE COALESCE(${quoted.join(", ")}) IS NULL`,
  );
  const count = Number(row?.[0] ?? 0);
  if (count === 0) return [];
  return [
    {
      key,
      message:
        `${count} row(s) of table ${table.schema}.${table.name} have NULL in ${columns.join(", ")} and would never ` +
        "be read; fill them in, make the column NOT NULL, or set validate.non.null=false",
    },
  ];
}

/** The key a person named the tables with, for problems about them. */
export function tableListKey(config: JdbcSourceConfig): string {
  return config.tableIncludeList.length > 0 ? "table.include.list" : "table.whitelist";
}
