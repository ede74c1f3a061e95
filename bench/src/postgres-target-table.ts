import pg from "pg";
import type { DigestRow } from "./table-digest.js";

/** The stack's PostgreSQL superuser and password (docs/local-stack.md), which the sink connector uses too. */
export const POSTGRES_USER = "postgres";
export const POSTGRES_PASSWORD = "postgres";
/** The database the sink writes to; its tables go into the `public` schema. */
export const POSTGRES_DATABASE = "postgres";

/** PostgreSQL's code for "relation does not exist": the sink has not created its table yet. */
const UNDEFINED_TABLE = "42P01";

/**
 * Row E's side of PostgreSQL: one session on the stack's server, which counts, reads back and drops the
 * tables the sink connector creates in `public`.
 */
export class PostgresTarget {
  private constructor(
    private readonly client: pg.Client,
    /** The pid of the server process serving this session, to leave out of the server's CPU. */
    readonly backendPid: number,
  ) {}

  /** Logs in to the stack's PostgreSQL as its superuser, over TCP. */
  static async connect(port: number): Promise<PostgresTarget> {
    const client = new pg.Client({
      host: "127.0.0.1",
      port,
      user: POSTGRES_USER,
      password: POSTGRES_PASSWORD,
      database: POSTGRES_DATABASE,
      connectionTimeoutMillis: 10_000,
    });
    // An idle session the server drops would otherwise be an unhandled 'error' event that ends the bench;
    // this way the next query on it fails, and only that run is recorded as failed.
    client.on("error", () => undefined);
    await client.connect();
    try {
      const result = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const pid = result.rows[0]?.pid;
      if (pid === undefined) throw new Error("PostgreSQL did not say which process serves the session");
      return new PostgresTarget(client, pid);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  /** The table's row count; 0 while it does not exist, since the sink creates it with its first batch. */
  async count(table: string): Promise<number> {
    try {
      const result = await this.client.query<{ count: string }>(
        `SELECT count(*) AS count FROM ${qualified(table)}`,
      );
      return Number(result.rows[0]?.count ?? 0);
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === UNDEFINED_TABLE) return 0;
      throw error;
    }
  }

  /**
   * Up to `limit` rows with ids above `afterId`, in id order, every column as text in the shape
   * `MariaDbSource.readPage` gives: NUMERIC as stored, TIMESTAMP with six fractional digits.
   */
  async readPage(table: string, afterId: number, limit: number): Promise<DigestRow[]> {
    const result = await this.client.query<{ id: number; name: string; amount: string; created_at: string }>(
      `SELECT id, name, amount::text AS amount, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US') AS created_at
         FROM ${qualified(table)} WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return result.rows.map((row) => ({
      id: Number(row.id),
      cells: [String(row.id), row.name, row.amount, row.created_at],
    }));
  }

  /** Drops a run's target table, so runs do not fill the database. */
  async drop(table: string): Promise<void> {
    await this.client.query(`DROP TABLE IF EXISTS ${qualified(table)}`);
  }

  /** Ends the session. */
  async close(): Promise<void> {
    await this.client.end();
  }
}

function qualified(table: string): string {
  return `public."${table.replaceAll('"', '""')}"`;
}
