import pg from "pg";
import Cursor from "pg-cursor";
import type { ResultColumn, TableColumn } from "../schema/result-column.js";
import { POSTGRES_TEXT_OIDS, postgresColumn } from "./column-kinds.js";
import type { Database, RowStream } from "./database.js";
import { POSTGRES_DIALECT } from "./dialect.js";
import type { DatabaseAddress } from "./jdbc-url.js";
import { parseMicros } from "./micros-text.js";
import { connectionLost, driverCode } from "./sql-errors.js";
import type { TableName } from "./table-name.js";

/** Rows fetched from an open cursor at a time. */
const CURSOR_ROWS = 500;

/** Dates, times and JSON stay the server's text; everything else parses as pg does by default. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    POSTGRES_TEXT_OIDS.has(oid)
      ? (text: string) => text
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/** Opens a PostgreSQL connection. Driver errors are left for the caller to classify. */
export async function openPostgres(address: DatabaseAddress, connectTimeoutMs: number): Promise<Database> {
  const client = new pg.Client({
    host: address.host,
    port: address.port,
    user: address.user,
    password: address.password,
    // libpq's rule: without a database, the one named after the user.
    database: address.database ?? address.user,
    connectionTimeoutMillis: connectTimeoutMs,
    types: TYPES,
    // timestamptz text comes back in UTC; timestamp columns are wall-clock times read in db.timezone.
    options: `-c TimeZone=UTC${address.currentSchema === undefined ? "" : ` -c search_path=${escapeOption(address.currentSchema)}`}`,
  });
  // An idle connection the server drops must not crash the process; the next query reports it.
  client.on("error", () => undefined);
  await client.connect();
  const schema = await client.query<{ schema: string }>("SELECT current_schema() AS schema");
  return new PostgresDatabase(client, schema.rows[0]?.schema ?? "public");
}

class PostgresDatabase implements Database {
  readonly dialect = POSTGRES_DIALECT;

  /** Why the connection is gone, once it is: every later use fails at once, retriably. */
  private lostWith: unknown;

  constructor(
    private readonly client: pg.Client,
    readonly defaultSchema: string,
  ) {
    client.on("error", (error: unknown) => {
      this.lostWith ??= error;
    });
    client.on("end", () => {
      this.lostWith ??= new Error("the server closed the connection");
    });
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<readonly (readonly unknown[])[]> {
    this.checkConnected();
    const result = await guarded(() =>
      this.client.query({ text: sql, values: [...params], rowMode: "array" }),
    );
    return result.rows as unknown[][];
  }

  async stream(sql: string, params: readonly unknown[]): Promise<RowStream> {
    // pg hands a query on a dead client its error before the cursor has anyone to tell: ask first.
    this.checkConnected();
    const cursor = this.client.query(
      new Cursor<unknown[]>(sql, [...params], { rowMode: "array", types: TYPES }),
    );
    const first = await new Promise<{ rows: unknown[][]; columns: readonly ResultColumn[] }>(
      (resolve, reject) => {
        cursor.read(CURSOR_ROWS, (error, rows, result) => {
          if (error) reject(error);
          else resolve({ rows, columns: result.fields.map((field) => postgresColumn(field)) });
        });
      },
    );
    return { columns: first.columns, rows: readRest(cursor, first.rows) };
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.execute("BEGIN");
    try {
      const result = await work();
      await this.execute("COMMIT");
      return result;
    } catch (error) {
      // The work's error is the one worth reporting; a failed ROLLBACK means the connection is gone anyway.
      await this.client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  async listTables(schema = this.defaultSchema): Promise<readonly TableName[]> {
    const rows = await this.execute(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
      [schema],
    );
    return rows.map((row) => ({ schema, name: String(row[0]) }));
  }

  async describeTable(table: TableName): Promise<readonly TableColumn[]> {
    const rows = await this.execute(
      `SELECT c.column_name, c.is_nullable, c.column_default, c.is_identity, c.data_type,
              EXISTS (SELECT 1 FROM information_schema.table_constraints t
                      JOIN information_schema.key_column_usage k
                        ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
                       AND k.table_name = t.table_name
                      WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema
                        AND t.table_name = c.table_name AND k.column_name = c.column_name)
         FROM information_schema.columns c
        WHERE c.table_schema = $1 AND c.table_name = $2 ORDER BY c.ordinal_position`,
      [table.schema, table.name],
    );
    return rows.map((row) => ({
      name: String(row[0]),
      isNullable: row[1] === "YES",
      isAutoIncrement: String(row[2] ?? "").startsWith("nextval(") || row[3] === "YES",
      isPrimaryKey: row[5] === true,
      dataType: String(row[4]).toLowerCase(),
    }));
  }

  async nowMicros(): Promise<bigint> {
    // clock_timestamp(), not now(): now() stands still for a whole transaction.
    const [row] = await this.execute(
      "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
    );
    return parseMicros(String(row?.[0]));
  }

  private checkConnected(): void {
    if (this.lostWith !== undefined) throw connectionLost(this.lostWith);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

async function* readRest(cursor: Cursor<unknown[]>, first: unknown[][]): AsyncGenerator<readonly unknown[]> {
  try {
    let rows = first;
    while (rows.length > 0) {
      yield* rows;
      if (rows.length < CURSOR_ROWS) return;
      rows = await guarded(() => cursor.read(CURSOR_ROWS));
    }
  } finally {
    await cursor.close();
  }
}

/** A value for libpq's `options`, where spaces and backslashes must be escaped with a backslash. */
function escapeOption(value: string): string {
  return value.replace(/[\\ ]/g, (c) => `\\${c}`);
}

/**
 * Runs a call on the client; an error without a SQLSTATE is pg's own word that the connection failed
 * (terminated, not queryable, timed out), which it gives no code, so it is marked as a lost connection.
 */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw driverCode(error) === undefined ? connectionLost(error) : error;
  }
}
