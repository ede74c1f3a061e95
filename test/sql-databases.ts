import { randomUUID } from "node:crypto";
import { createConnection } from "mysql2/promise";
import pg from "pg";
import { inject } from "vitest";
import "./stack-context.js";

/**
 * One of the stack's real databases, as the JDBC tests use it: run SQL as its administrator, and the
 * connector config keys that reach the same database.
 */
export interface TestDatabase {
  /** "mariadb" or "postgres", for test names. */
  readonly name: string;
  /** Where new tables go: a MariaDB database or a PostgreSQL schema, made for this test file. */
  readonly schema: string;
  /** connection.url (and user and password) for a connector, reaching `schema` by default. */
  readonly connection: Readonly<Record<string, string>>;
  /** Runs SQL in `schema`; rows come back as arrays in column order. */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Drops `schema` and disconnects. */
  close(): Promise<void>;
  /** The column type for a millisecond timestamp without a zone, NOT NULL, set to now on insert. */
  readonly nowColumn: string;
  /** The column type for an auto-increment primary key. */
  readonly serialColumn: string;
  /** A quoted identifier. */
  quote(identifier: string): string;
}

/** A name of our own, so reruns and other tests never collide. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 10)}`;

/** The stack's MariaDB, with a fresh database for the caller; `root` with no password, as the stack sets it up. */
export async function openMariaDb(prefix: string): Promise<TestDatabase> {
  const port = inject("mariadbPort");
  const schema = uniqueName(prefix);
  const connection = await createConnection({ host: "127.0.0.1", port, user: "root", dateStrings: true });
  await connection.query(`CREATE DATABASE ${schema}`);
  await connection.query(`USE ${schema}`);
  return {
    name: "mariadb",
    schema,
    connection: { "connection.url": `jdbc:mariadb://127.0.0.1:${port}/${schema}?user=root` },
    query: async (sql, params = []) => {
      const [rows] = await connection.query({ sql, values: [...params], rowsAsArray: true });
      return Array.isArray(rows) ? (rows as unknown[][]) : [];
    },
    close: async () => {
      await connection.query(`DROP DATABASE IF EXISTS ${schema}`);
      await connection.end();
    },
    nowColumn: "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)",
    serialColumn: "INT AUTO_INCREMENT PRIMARY KEY",
    quote: (identifier) => `\`${identifier}\``,
  };
}

/** The stack's PostgreSQL, with a fresh schema for the caller; `postgres` / `postgres`, as the stack sets it up. */
export async function openPostgres(prefix: string): Promise<TestDatabase> {
  const port = inject("postgresPort");
  const schema = uniqueName(prefix);
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "postgres",
    password: "postgres",
    database: "postgres",
  });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    name: "postgres",
    schema,
    connection: {
      // currentSchema is PostgreSQL's JDBC property for the schema that unqualified table names resolve in.
      "connection.url": `jdbc:postgresql://127.0.0.1:${port}/postgres?currentSchema=${schema}`,
      "connection.user": "postgres",
      "connection.password": "postgres",
    },
    query: async (sql, params = []) =>
      (await client.query({ text: sql, values: [...params], rowMode: "array" })).rows,
    close: async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
    nowColumn: "TIMESTAMP(3) NOT NULL DEFAULT clock_timestamp()",
    serialColumn: "SERIAL PRIMARY KEY",
    quote: (identifier) => `"${identifier}"`,
  };
}
