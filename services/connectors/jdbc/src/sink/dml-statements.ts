import { FatalError } from "@connect-mesh/connector-sdk";
import type { Dialect } from "../connection/dialect.js";
import type { TableName } from "../connection/table-name.js";
import type { SqlValue } from "./sql-parameter.js";

/** One statement and its parameters, in placeholder order. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** One column of the rows a statement writes, as the table names it. */
export interface ShapeColumn {
  readonly name: string;
  readonly isKey: boolean;
}

/** What every row of a statement shares: its table and columns; each row's values follow `columns`. */
export interface RowShape {
  readonly table: TableName;
  readonly columns: readonly ShapeColumn[];
}

/** A row's parameter values, in the order of its shape's columns. */
export type RowValues = readonly SqlValue[];

/**
 * One multi-row INSERT. With `upsert`, a row whose key exists updates that row's other columns instead:
 * MySQL `ON DUPLICATE KEY UPDATE c=VALUES(c)`, PostgreSQL `ON CONFLICT (key) DO UPDATE SET
 * c=EXCLUDED.c`, or `DO NOTHING` (MySQL: `k=k`) when every column is a key, so that writing a record again
 * leaves its row as it was. PostgreSQL refuses one statement that touches a row twice: callers pass
 * upsert rows with distinct keys (see `lastPerKey`).
 */
export function insertStatement(
  dialect: Dialect,
  shape: RowShape,
  rows: readonly RowValues[],
  mode: "insert" | "upsert",
): Statement {
  checkIdentifiers(dialect, shape);
  const names = shape.columns.map((column) => dialect.quote(column.name));
  const params: SqlValue[] = [];
  const tuples = rows.map((row) => `(${placeholders(dialect, row, params)})`);
  const insert = `INSERT INTO ${dialect.qualified(shape.table)} (${names.join(",")}) VALUES ${tuples.join(",")}`;
  if (mode === "insert") return { sql: insert, params };
  const keys = shape.columns.filter((column) => column.isKey).map((column) => dialect.quote(column.name));
  const others = shape.columns.filter((column) => !column.isKey).map((column) => dialect.quote(column.name));
  const [firstKey] = keys;
  if (firstKey === undefined) throw noKey(shape, "insert.mode=upsert");
  if (dialect.name === "mysql") {
    // MySQL has no DO NOTHING; assigning a key to itself changes nothing, and unlike INSERT IGNORE it
    // leaves every other error (a bad value, a NOT NULL column) an error.
    const set =
      others.length === 0 ? [`${firstKey}=${firstKey}`] : others.map((name) => `${name}=VALUES(${name})`);
    return { sql: `${insert} ON DUPLICATE KEY UPDATE ${set.join(",")}`, params };
  }
  const action =
    others.length === 0
      ? "DO NOTHING"
      : `DO UPDATE SET ${others.map((name) => `${name}=EXCLUDED.${name}`).join(",")}`;
  return { sql: `${insert} ON CONFLICT (${keys.join(",")}) ${action}`, params };
}

/**
 * `UPDATE ... SET` the row's other columns `WHERE` its key columns match; undefined when every column is
 * a key, since there is then nothing to change.
 */
export function updateStatement(dialect: Dialect, shape: RowShape, row: RowValues): Statement | undefined {
  checkIdentifiers(dialect, shape);
  const params: SqlValue[] = [];
  const assign = (isKey: boolean) =>
    shape.columns.flatMap((column, index) =>
      column.isKey === isKey
        ? [`${dialect.quote(column.name)}=${next(dialect, params, row[index] ?? null)}`]
        : [],
    );
  const set = assign(false);
  if (set.length === 0) return undefined;
  const where = assign(true);
  if (where.length === 0) throw noKey(shape, "insert.mode=update");
  return {
    sql: `UPDATE ${dialect.qualified(shape.table)} SET ${set.join(",")} WHERE ${where.join(" AND ")}`,
    params,
  };
}

/**
 * One `DELETE` of the rows with these keys: `k IN (...)` for one key column, `(a,b) IN ((...),(...))` for
 * several. Every column of the shape is a key.
 */
export function deleteStatement(dialect: Dialect, shape: RowShape, rows: readonly RowValues[]): Statement {
  checkIdentifiers(dialect, shape);
  if (shape.columns.length === 0) throw noKey(shape, "delete.enabled");
  const names = shape.columns.map((column) => dialect.quote(column.name));
  const params: SqlValue[] = [];
  const single = names.length === 1;
  const tuples = rows.map((row) =>
    single ? placeholders(dialect, row, params) : `(${placeholders(dialect, row, params)})`,
  );
  const target = single ? (names[0] ?? "") : `(${names.join(",")})`;
  return {
    sql: `DELETE FROM ${dialect.qualified(shape.table)} WHERE ${target} IN (${tuples.join(",")})`,
    params,
  };
}

/**
 * Throws the FatalError a statement for rows of this shape would: a MySQL name with "?", or an upsert,
 * update or delete without key columns. Lets a caller refuse one record before any statement is built.
 */
export function checkShape(
  dialect: Dialect,
  shape: RowShape,
  action: "insert" | "upsert" | "update" | "delete",
): void {
  checkIdentifiers(dialect, shape);
  if (action !== "insert" && !shape.columns.some((column) => column.isKey)) {
    throw noKey(shape, action === "delete" ? "delete.enabled" : `insert.mode=${action}`);
  }
}

function placeholders(dialect: Dialect, row: RowValues, params: SqlValue[]): string {
  return row.map((value) => next(dialect, params, value)).join(",");
}

function next(dialect: Dialect, params: SqlValue[], value: SqlValue): string {
  params.push(value);
  return dialect.placeholder(params.length);
}

function noKey(shape: RowShape, what: string): FatalError {
  return new FatalError(
    `${what} needs key columns to match rows of ${shape.table.schema}.${shape.table.name} on, but the ` +
      "record has none; set pk.mode (and pk.fields)",
  );
}

/**
 * MySQL statements go with client-side parameters, and the driver takes every "?" in the text for one,
 * even inside a quoted name: such a name would shift every value after it. Refused rather than misplaced.
 */
function checkIdentifiers(dialect: Dialect, shape: RowShape): void {
  if (dialect.name !== "mysql") return;
  const names = [shape.table.schema, shape.table.name, ...shape.columns.map((column) => column.name)];
  const bad = names.find((name) => name.includes("?"));
  if (bad !== undefined) {
    throw new FatalError(
      `the name "${bad}" contains "?", which the MySQL driver takes for a parameter; rename the field or ` +
        "table (e.g. with the ReplaceField or RegexRouter transform)",
    );
  }
}
