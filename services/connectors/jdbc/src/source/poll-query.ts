import type { Dialect } from "../connection/dialect.js";
import type { SourceMode } from "./source-config.js";

/** What one poll's query is built from. */
export interface PollQueryParts {
  readonly dialect: Dialect;
  readonly mode: SourceMode;
  /** What to read from: a table's qualified name, or a parenthesized query with an alias. */
  readonly from: string;
  /** The timestamp columns, unquoted, in order of preference (COALESCE'd when several). */
  readonly timestampColumns: readonly string[];
  /** The incrementing column, unquoted. */
  readonly incrementingColumn: string | undefined;
  /** The last timestamp read in full, as the column compares it; undefined reads from the start. */
  readonly lastTimestamp: string | undefined;
  /** Rows with a timestamp at or after this are left for a later poll (the delay and clock guard). */
  readonly timestampBefore: string | undefined;
  /** The last incrementing value read; undefined reads from the start. */
  readonly lastIncrementing: bigint | undefined;
}

/**
 * The query for one poll, by mode, with its parameters (Confluent's TimestampIncrementingCriteria, with one
 * change: without an offset no value is skipped, where Confluent starts after -1 and after the epoch; rows
 * whose incrementing value is NULL are never read, as in Confluent).
 * - bulk: every row.
 * - incrementing: `inc > last ORDER BY inc` (`inc IS NOT NULL` without an offset).
 * - timestamp: `ts > last AND ts < before ORDER BY ts`.
 * - timestamp+incrementing: `ts < before AND inc IS NOT NULL AND ((ts = last AND inc > lastInc) OR ts > last)
 *   ORDER BY ts, inc`.
 */
export function pollQuery(parts: PollQueryParts): {
  readonly sql: string;
  readonly params: readonly unknown[];
} {
  const { dialect } = parts;
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const ts =
    parts.timestampColumns.length === 1
      ? dialect.quote(parts.timestampColumns[0] ?? "")
      : `COALESCE(${parts.timestampColumns.map((c) => dialect.quote(c)).join(", ")})`;
  const inc = dialect.quote(parts.incrementingColumn ?? "");
  const conditions: string[] = [];
  let order: string[] = [];
  switch (parts.mode) {
    case "bulk":
      break;
    case "incrementing":
      if (parts.lastIncrementing !== undefined)
        conditions.push(`${inc} > ${param(String(parts.lastIncrementing))}`);
      order = [inc];
      break;
    case "timestamp":
      if (parts.lastTimestamp !== undefined) conditions.push(`${ts} > ${param(parts.lastTimestamp)}`);
      conditions.push(`${ts} < ${param(parts.timestampBefore)}`);
      order = [ts];
      break;
    case "timestamp+incrementing":
      conditions.push(`${ts} < ${param(parts.timestampBefore)}`, `${inc} IS NOT NULL`);
      if (parts.lastTimestamp !== undefined) {
        const last = parts.lastTimestamp;
        const after = parts.lastIncrementing === undefined ? undefined : String(parts.lastIncrementing);
        conditions.push(
          after === undefined
            ? `${ts} > ${param(last)}`
            : `((${ts} = ${param(last)} AND ${inc} > ${param(after)}) OR ${ts} > ${param(last)})`,
        );
      }
      order = [ts, inc];
      break;
  }
  const where = conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
  const orderBy = order.length === 0 ? "" : ` ORDER BY ${order.map((o) => `${o} ASC`).join(", ")}`;
  return { sql: `SELECT * FROM ${parts.from}${where}${orderBy}`, params };
}
