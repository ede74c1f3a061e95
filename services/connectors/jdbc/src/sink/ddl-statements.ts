import type { Dialect } from "../connection/dialect.js";
import type { TableName } from "../connection/table-name.js";
import { needsDefaultExpression } from "./column-types.js";
import type { SqlValue } from "./sql-parameter.js";

/** One column as `auto.create` or `auto.evolve` declares it. */
export interface ColumnDefinition {
  readonly name: string;
  /** The SQL type, from `columnType`. */
  readonly sqlType: string;
  readonly isKey: boolean;
  /** The field's schema is optional: the column takes NULL. */
  readonly isOptional: boolean;
  /** The field's default, as a parameter would carry it; null for none. */
  readonly defaultValue: SqlValue;
}

/**
 * `CREATE TABLE` with a column per field and the key columns as the primary key. A key column is NOT NULL
 * whatever its schema says: both databases require it of a primary key.
 */
export function createTableSql(
  dialect: Dialect,
  table: TableName,
  columns: readonly ColumnDefinition[],
): string {
  const lines = columns.map((column) => columnSql(dialect, column));
  const keys = columns.filter((column) => column.isKey).map((column) => dialect.quote(column.name));
  if (keys.length > 0) lines.push(`PRIMARY KEY(${keys.join(",")})`);
  return `CREATE TABLE ${dialect.qualified(table)} (\n${lines.join(",\n")})`;
}

/**
 * `ALTER TABLE ... ADD COLUMN` for each column, in one statement. The columns come from optional fields or
 * fields with a default, so rows already in the table get NULL or that default.
 */
export function addColumnsSql(
  dialect: Dialect,
  table: TableName,
  columns: readonly ColumnDefinition[],
): string {
  const additions = columns.map((column) => `ADD COLUMN ${columnSql(dialect, column)}`);
  return `ALTER TABLE ${dialect.qualified(table)} ${additions.join(", ")}`;
}

function columnSql(dialect: Dialect, column: ColumnDefinition): string {
  const nullable = column.isOptional && !column.isKey ? "NULL" : "NOT NULL";
  const literal = defaultLiteral(dialect, column.defaultValue);
  const withDefault =
    literal === undefined
      ? ""
      : needsDefaultExpression(column.sqlType, dialect.name)
        ? ` DEFAULT (${literal})`
        : ` DEFAULT ${literal}`;
  return `${dialect.quote(column.name)} ${column.sqlType} ${nullable}${withDefault}`;
}

/** A value as an SQL literal in the dialect; undefined for a null or a number SQL cannot spell. */
export function defaultLiteral(dialect: Dialect, value: SqlValue): string | undefined {
  if (value === null) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (Buffer.isBuffer(value)) {
    const hex = value.toString("hex");
    return dialect.name === "mysql" ? `X'${hex}'` : `'\\x${hex}'::bytea`;
  }
  // MySQL reads backslashes in a string literal as escapes (unless NO_BACKSLASH_ESCAPES); PostgreSQL does not.
  const escaped = dialect.name === "mysql" ? value.replaceAll("\\", "\\\\") : value;
  return `'${escaped.replaceAll("'", "''")}'`;
}
