import { type Connection, createConnection, type RowDataPacket } from "mysql2/promise";
import { idChunks, SOURCE_COLUMNS, sourceRowValues } from "./jdbc-table-rows.js";
import type { DigestRow } from "./table-digest.js";

/** The database row E's source tables live in; the source connector's URL names it. */
export const SOURCE_DATABASE = "bench";

/** Rows per INSERT when filling: a few hundred KB per statement, far under MariaDB's 16 MB packet limit. */
const INSERT_CHUNK_ROWS = 5_000;

/**
 * Row E's side of MariaDB: the stack's server as its `root` (no password, over TCP, as the stack sets it
 * up), and the source tables the bench creates, fills, reads back and drops there.
 */
export class MariaDbSource {
  private constructor(private readonly connection: Connection) {}

  /** Connects to the stack's MariaDB and makes sure `SOURCE_DATABASE` exists. */
  static async connect(port: number): Promise<MariaDbSource> {
    const connection = await createConnection({
      host: "127.0.0.1",
      port,
      user: "root",
      connectTimeout: 10_000,
    });
    // As for PostgreSQL's session: a dropped connection fails the next query rather than the whole bench.
    connection.on("error", () => undefined);
    await connection.query(`CREATE DATABASE IF NOT EXISTS ${SOURCE_DATABASE}`);
    return new MariaDbSource(connection);
  }

  /** Creates `table` afresh and fills it with `rows` rows in multi-row INSERTs, in one transaction. */
  async createAndFill(table: string, rows: number): Promise<void> {
    const name = qualified(table);
    await this.connection.query(`DROP TABLE IF EXISTS ${name}`);
    await this.connection.query(`CREATE TABLE ${name} (${SOURCE_COLUMNS.join(", ")}) ENGINE=InnoDB`);
    await this.connection.beginTransaction();
    try {
      for (const [first, last] of idChunks(rows, INSERT_CHUNK_ROWS)) {
        const values = Array.from({ length: last - first + 1 }, (_, i) => sourceRowValues(first + i));
        // query(), not execute(): mysql2 expands the nested array into one multi-row VALUES list.
        await this.connection.query(`INSERT INTO ${name} (name, amount, created_at) VALUES ?`, [values]);
      }
      await this.connection.commit();
    } catch (error) {
      await this.connection.rollback();
      throw error;
    }
  }

  /**
   * Up to `limit` rows with ids above `afterId`, in id order, every column as text in the shape
   * `PostgresTarget.readPage` gives: DECIMAL as written, DATETIME with six fractional digits.
   */
  async readPage(table: string, afterId: number, limit: number): Promise<DigestRow[]> {
    const [rows] = await this.connection.query<RowDataPacket[]>(
      `SELECT id, name, CAST(amount AS CHAR) AS amount, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') AS created_at
         FROM ${qualified(table)} WHERE id > ? ORDER BY id LIMIT ?`,
      [afterId, limit],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      cells: [String(row.id), String(row.name), String(row.amount), String(row.created_at)],
    }));
  }

  /** Drops a run's source table, so runs do not fill the database. */
  async drop(table: string): Promise<void> {
    await this.connection.query(`DROP TABLE IF EXISTS ${qualified(table)}`);
  }

  /** Ends the session. */
  async close(): Promise<void> {
    await this.connection.end();
  }
}

function qualified(table: string): string {
  return `\`${SOURCE_DATABASE}\`.\`${table}\``;
}
