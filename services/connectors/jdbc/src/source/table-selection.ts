import type { Database } from "../connection/database.js";
import type { TableName } from "../connection/table-name.js";

/** A configured table name, split at its first dot into schema (PostgreSQL) or database (MySQL) and name. */
export function tableNameOf(configured: string, defaultSchema: string): TableName {
  const dot = configured.indexOf(".");
  return dot < 0
    ? { schema: defaultSchema, name: configured }
    : { schema: configured.slice(0, dot), name: configured.slice(dot + 1) };
}

/** The tables a source reads, and the configured names that match no table. */
export interface TableSelection {
  readonly tables: readonly TableName[];
  readonly missing: readonly string[];
}

/**
 * Which tables to read: the included ones (every table of the connection's schema when none are named),
 * less the excluded ones. Names are matched exactly, as the catalog spells them.
 */
export async function selectTables(
  db: Database,
  included: readonly string[],
  excluded: readonly string[],
): Promise<TableSelection> {
  const excludedNames = new Set(excluded.map((name) => key(tableNameOf(name, db.defaultSchema))));
  const keep = (table: TableName) => !excludedNames.has(key(table));
  if (included.length === 0) return { tables: (await db.listTables()).filter(keep), missing: [] };
  const tables: TableName[] = [];
  const missing: string[] = [];
  for (const name of included) {
    const table = tableNameOf(name, db.defaultSchema);
    const exists = (await db.listTables(table.schema)).some((t) => t.name === table.name);
    if (!exists) missing.push(name);
    else if (keep(table)) tables.push(table);
  }
  return { tables, missing };
}

/** A table's name as one string, for maps, offsets and task configs: "schema.table". */
export function key(table: TableName): string {
  return `${table.schema}.${table.name}`;
}
