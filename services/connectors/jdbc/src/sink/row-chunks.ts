import type { RowValues } from "./dml-statements.js";

/** How much one multi-row statement may carry. */
export interface ChunkLimits {
  /** `batch.size`: the most rows. */
  readonly maxRows: number;
  /** The most parameters: PostgreSQL's protocol counts them in 16 bits. */
  readonly maxParams: number;
  /** About the most bytes of values, below MySQL's max_allowed_packet (16 MiB by default on MariaDB). */
  readonly maxBytes: number;
}

/** PostgreSQL's limit of parameters a statement (its protocol counts them in 16 bits). */
export const MAX_STATEMENT_PARAMS = 65_535;

/** A quarter of MariaDB's default max_allowed_packet, leaving room for escaping and the SQL around values. */
export const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

/**
 * Splits rows into consecutive chunks that each fit in one statement: at most `maxRows` rows, `maxParams`
 * parameters and about `maxBytes` of values. A row alone is always a chunk, however large, so that the
 * database (not this function) says whether it fits.
 */
export function chunkRows<T>(
  rows: readonly T[],
  valuesOf: (row: T) => RowValues,
  limits: ChunkLimits,
): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let params = 0;
  let bytes = 0;
  for (const row of rows) {
    const values = valuesOf(row);
    const size = approximateBytes(values);
    const isFull =
      chunk.length >= Math.max(1, limits.maxRows) ||
      params + values.length > limits.maxParams ||
      bytes + size > limits.maxBytes;
    if (chunk.length > 0 && isFull) {
      chunks.push(chunk);
      chunk = [];
      params = 0;
      bytes = 0;
    }
    chunk.push(row);
    params += values.length;
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * The rows with the last of each key's occurrences, in the order of those last occurrences. Upserting only
 * the last row of a key gives the table what upserting each in turn would, and PostgreSQL refuses one
 * INSERT ... ON CONFLICT that touches a row twice.
 */
export function lastPerKey<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const last = new Map<string, number>();
  rows.forEach((row, index) => {
    last.set(keyOf(row), index);
  });
  return rows.filter((row, index) => last.get(keyOf(row)) === index);
}

/** A text that is equal for two rows exactly when their values at `positions` are. */
export function keyText(values: RowValues, positions: readonly number[]): string {
  return positions
    .map((position) => {
      const value = values[position] ?? null;
      if (value === null) return "null";
      if (Buffer.isBuffer(value)) return `bytes:${value.toString("hex")}`;
      // The length makes the text unambiguous whatever the value holds, separators included.
      const text = String(value);
      return `${typeof value}:${text.length}:${text}`;
    })
    .join("|");
}

/** Roughly how many bytes the values take in a statement: UTF-8 text, bytes as hex, numbers as digits. */
export function approximateBytes(values: RowValues): number {
  let bytes = 0;
  for (const value of values) {
    if (typeof value === "string") bytes += Buffer.byteLength(value, "utf8") + 2;
    else if (Buffer.isBuffer(value)) bytes += value.length * 2 + 3;
    else bytes += 24;
  }
  return bytes;
}
