import type { Dialect } from "../connection/dialect.js";
import {
  deleteStatement,
  insertStatement,
  type RowShape,
  type RowValues,
  type Statement,
  updateStatement,
} from "./dml-statements.js";
import { type ChunkLimits, chunkRows, keyText, lastPerKey } from "./row-chunks.js";

/** What a row does to its table: `insert.mode`'s three, or the delete of a tombstone. */
export type RowAction = "insert" | "upsert" | "update" | "delete";

/** One record, converted and ready to write. */
export interface PreparedRow {
  /** The record's position in the batch the worker sent. */
  readonly index: number;
  /** Where the record came from, for messages: `topic "t" partition 0 offset 12`. */
  readonly origin: string;
  readonly action: RowAction;
  readonly shape: RowShape;
  readonly values: RowValues;
}

/** A statement, with the rows it writes. */
export interface PlannedStatement {
  readonly statement: Statement;
  readonly rows: readonly PreparedRow[];
}

/**
 * The statements that write `rows` in order: one multi-row INSERT (or DELETE) per run of consecutive rows
 * with the same action, table and columns, split to fit `limits`; one UPDATE per row. Runs keep the
 * records' order, so a delete between two writes of a key lands between them.
 */
export function planStatements(
  dialect: Dialect,
  rows: readonly PreparedRow[],
  limits: ChunkLimits,
): PlannedStatement[] {
  return runsOf(rows).flatMap((run) => runStatements(dialect, run, limits));
}

/** Consecutive rows with the same action and shape. */
export function runsOf(rows: readonly PreparedRow[]): PreparedRow[][] {
  const runs: PreparedRow[][] = [];
  let run: PreparedRow[] = [];
  let runKey = "";
  for (const row of rows) {
    const key = `${row.action}\u0000${shapeKey(row.shape)}`;
    if (run.length > 0 && key !== runKey) {
      runs.push(run);
      run = [];
    }
    run.push(row);
    runKey = key;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function runStatements(
  dialect: Dialect,
  run: readonly PreparedRow[],
  limits: ChunkLimits,
): PlannedStatement[] {
  const [first] = run;
  if (first === undefined) return [];
  const { action, shape } = first;
  if (action === "update") {
    return run.flatMap((row) => {
      const statement = updateStatement(dialect, shape, row.values);
      return statement === undefined ? [] : [{ statement, rows: [row] }];
    });
  }
  const keyPositions = shape.columns.flatMap((column, position) => (column.isKey ? [position] : []));
  const rows = action === "upsert" ? lastPerKey(run, (row) => keyText(row.values, keyPositions)) : run;
  return chunkRows(rows, (row) => row.values, limits).map((chunk) => {
    const values = chunk.map((row) => row.values);
    const statement =
      action === "delete"
        ? deleteStatement(dialect, shape, values)
        : insertStatement(dialect, shape, values, action);
    return { statement, rows: chunk };
  });
}

function shapeKey(shape: RowShape): string {
  const columns = shape.columns.map((column) => `${column.isKey ? "k" : "v"}${column.name}`);
  return JSON.stringify([shape.table.schema, shape.table.name, ...columns]);
}
