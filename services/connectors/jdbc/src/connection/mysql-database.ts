import mysql, { type Connection, type FieldPacket, type TypeCastField } from "mysql2";
import type { Connection as PromiseConnection } from "mysql2/promise";
import type { ResultColumn, TableColumn } from "../schema/result-column.js";
import { mysqlColumn } from "./column-kinds.js";
import type { Database, RowStream } from "./database.js";
import { MYSQL_DIALECT } from "./dialect.js";
import type { DatabaseAddress } from "./jdbc-url.js";
import { parseMicros } from "./micros-text.js";
import { connectionLost } from "./sql-errors.js";
import type { TableName } from "./table-name.js";

/** Opens a MySQL or MariaDB connection. Driver errors are left for the caller to classify. */
export async function openMysql(address: DatabaseAddress, connectTimeoutMs: number): Promise<Database> {
  const core = mysql.createConnection({
    host: address.host,
    port: address.port,
    user: address.user,
    password: address.password,
    database: address.database,
    connectTimeout: connectTimeoutMs,
    // Exact values as text: dates and times keep their microseconds, BIGINT and DECIMAL every digit.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    // TIMESTAMP columns come back in UTC; DATETIME columns are wall-clock times read in db.timezone.
    timezone: "Z",
    // JSON columns (MySQL's JSON type, MariaDB's JSON-formatted LONGTEXT) stay the text the server sent.
    typeCast: (field: TypeCastField, next: () => unknown) =>
      field.type === "JSON" || field.extendedFormat === "json" ? field.string() : next(),
  });
  // A connection the server drops while idle must not crash the process; the next query reports it.
  core.on("error", () => undefined);
  const connection = core.promise();
  await connection.connect();
  await connection.query("SET time_zone = '+00:00'");
  const [[row]] = (await connection.query({ sql: "SELECT DATABASE()", rowsAsArray: true })) as [
    unknown[][],
    unknown,
  ];
  return new MysqlDatabase(core, connection, typeof row?.[0] === "string" ? row[0] : "");
}

class MysqlDatabase implements Database {
  readonly dialect = MYSQL_DIALECT;
  /** Whether a streamed result is still open: the server is mid-result and would not hear a polite quit. */
  private isStreaming = false;
  /** Why the connection is gone, once it is: every later use fails at once, retriably. */
  private lostWith: unknown;

  constructor(
    private readonly core: Connection,
    private readonly connection: PromiseConnection,
    readonly defaultSchema: string,
  ) {
    core.on("error", (error: unknown) => {
      this.lostWith ??= error;
    });
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<readonly (readonly unknown[])[]> {
    const [rows] = await this.connection.query({ sql, values: [...params], rowsAsArray: true });
    return Array.isArray(rows) ? (rows as unknown[][]) : [];
  }

  async stream(sql: string, params: readonly unknown[]): Promise<RowStream> {
    if (this.lostWith !== undefined) throw connectionLost(this.lostWith);
    const query = this.core.query({ sql, values: [...params], rowsAsArray: true });
    // The stream must exist before the first row arrives, or rows (and the end) go past unseen.
    const rows = query.stream({ highWaterMark: 500 });
    // An error before anyone iterates (a missing table) would otherwise crash the process as an unhandled
    // 'error' event; the stream keeps it, and iterating it (or the fields wait below) reports it.
    rows.on("error", () => undefined);
    // mysql2 tells a streamed query nothing when the connection dies; the connection hears it, and ends the
    // stream with it, so a reader is never left waiting for rows that will not come.
    const onLost = (error: unknown) => rows.destroy(connectionLost(error));
    this.core.on("error", onLost);
    this.isStreaming = true;
    rows.once("close", () => {
      this.isStreaming = false;
      this.core.off("error", onLost);
    });
    const columns = await new Promise<readonly ResultColumn[]>((resolve, reject) => {
      query.once("fields", (fields: FieldPacket[]) => resolve(fields.map((field) => mysqlColumn(field))));
      query.once("error", reject);
      rows.once("error", reject);
    });
    return { columns, rows: rows as AsyncIterable<readonly unknown[]> };
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.connection.beginTransaction();
    try {
      const result = await work();
      await this.connection.commit();
      return result;
    } catch (error) {
      await this.connection.rollback().catch(() => undefined);
      throw error;
    }
  }

  async listTables(schema = this.defaultSchema): Promise<readonly TableName[]> {
    const rows = await this.execute(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
      [schema],
    );
    return rows.map((row) => ({ schema, name: String(row[0]) }));
  }

  async describeTable(table: TableName): Promise<readonly TableColumn[]> {
    const rows = await this.execute(
      `SELECT column_name, is_nullable, extra, column_key, data_type FROM information_schema.columns
       WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position`,
      [table.schema, table.name],
    );
    return rows.map((row) => ({
      name: String(row[0]),
      isNullable: row[1] === "YES",
      isAutoIncrement: String(row[2]).toLowerCase().includes("auto_increment"),
      isPrimaryKey: row[3] === "PRI",
      dataType: String(row[4]).toLowerCase(),
    }));
  }

  async nowMicros(): Promise<bigint> {
    const [row] = await this.execute("SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f')");
    return parseMicros(String(row?.[0]));
  }

  async close(): Promise<void> {
    // A result left half-read (a task stopped mid-table) holds the connection: a quit would queue behind
    // it for ever, so the socket is closed instead.
    if (this.isStreaming) this.core.destroy();
    else await this.connection.end();
  }
}
