import type { ResultColumn, TableColumn } from "../schema/result-column.js";
import type { Dialect } from "./dialect.js";
import type { TableName } from "./table-name.js";

/** A query's result read row by row, each row an array in column order. */
export interface RowStream {
  readonly columns: readonly ResultColumn[];
  /** The rows, read from the server as they are consumed, so a large table never sits in memory. */
  readonly rows: AsyncIterable<readonly unknown[]>;
}

/**
 * One open connection to a database, behind the little that differs between MySQL and PostgreSQL. Driver
 * errors come out as the driver threw them; the caller, who knows what it was doing, classifies them with
 * `sqlError` (retriable when the database may come back, fatal when a person must act).
 */
export interface Database {
  readonly dialect: Dialect;
  /** The database (MySQL) or schema (PostgreSQL) that unqualified table names resolve in. */
  readonly defaultSchema: string;
  /** Runs one statement; the rows come back as arrays in column order. */
  execute(sql: string, params?: readonly unknown[]): Promise<readonly (readonly unknown[])[]>;
  /** Runs a query and reads its rows as they are consumed. Close the stream by finishing or leaving the loop. */
  stream(sql: string, params: readonly unknown[]): Promise<RowStream>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** The tables (not views) of the default schema, or of `schema`. */
  listTables(schema?: string): Promise<readonly TableName[]>;
  /** The columns of a table in order; empty when the table does not exist. */
  describeTable(table: TableName): Promise<readonly TableColumn[]>;
  /** The database's clock now, in microseconds since the Unix epoch. */
  nowMicros(): Promise<bigint>;
  close(): Promise<void>;
}
