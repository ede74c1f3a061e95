import { createHash } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { startComponents, stopComponent } from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rest } from "./rest-client.js";
import { openMariaDb, openPostgres, type TestDatabase, uniqueName } from "./sql-databases.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const runDir = inject("runDir");
const created: string[] = [];
let mariadb: TestDatabase;
let postgres: TestDatabase;

beforeAll(async () => {
  mariadb = await openMariaDb("pipe");
  postgres = await openPostgres("pipe");
});

afterAll(async () => {
  for (const name of created) await rest(restUrl, "DELETE", `/connectors/${name}`);
  await mariadb.close();
  await postgres.close();
});

async function createConnector(name: string, config: Record<string, string>): Promise<void> {
  const response = await rest(restUrl, "POST", "/connectors", { name, config });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(name);
}

/** A MariaDB table of `rows` accounts: every column type the example moves, some NULLs among them. */
async function accountsTable(table: string, rows: number): Promise<void> {
  await mariadb.query(`CREATE TABLE ${table} (
    id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, balance DECIMAL(12,2) NOT NULL,
    note TEXT NULL, active BOOLEAN NOT NULL, updated DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))`);
  await addAccounts(table, 1, rows);
}

async function addAccounts(table: string, first: number, count: number): Promise<void> {
  for (let start = first; start < first + count; start += 2_000) {
    const values = Array.from({ length: Math.min(2_000, first + count - start) }, (_, i) => {
      const n = start + i;
      return `('account ${n} ünïcode', ${(n * 37) % 100_000}.${String(n % 100).padStart(2, "0")}, ${n % 7 === 0 ? "NULL" : `'note ${n}'`}, ${n % 2}, '2024-03-01 12:00:00.000' + INTERVAL ${n} SECOND)`;
    });
    await mariadb.query(
      `INSERT INTO ${table} (name, balance, note, active, updated) VALUES ${values.join(", ")}`,
    );
  }
}

/**
 * Every row of a table as one canonical line, hashed in id order: equal digests mean equal tables. Each
 * database writes its own columns as text, so the digest compares values, not drivers.
 */
async function digest(db: TestDatabase, table: string): Promise<{ rows: number; sha256: string }> {
  const line =
    db.name === "mariadb"
      ? "CONCAT_WS('|', id, name, balance, IFNULL(note, '-'), IF(active, 't', 'f'), DATE_FORMAT(updated, '%Y-%m-%d %H:%i:%s.%f'))"
      : `concat_ws('|', id, name, balance, coalesce(note, '-'), CASE WHEN active THEN 't' ELSE 'f' END, to_char(updated, 'YYYY-MM-DD HH24:MI:SS.US'))`;
  const rows = await db.query(`SELECT ${line} FROM ${db.quote(table)} ORDER BY id`);
  const hash = createHash("sha256");
  for (const [text] of rows) hash.update(`${String(text)}\n`);
  return { rows: rows.length, sha256: hash.digest("hex") };
}

/** Waits until PostgreSQL's copy of the table equals MariaDB's, row for row: first its count, then its digest. */
async function waitForCopy(table: string, timeoutMs: number): Promise<void> {
  const source = await digest(mariadb, table);
  const countOf = async () =>
    Number((await postgres.query(`SELECT COUNT(*) FROM ${postgres.quote(table)}`))[0]?.[0]);
  await waitFor(countOf, (count) => count >= source.rows, {
    timeoutMs,
    intervalMs: 1_000,
    description: `${source.rows} rows in PostgreSQL's ${table}`,
  });
  // Updates may still be on their way once the count is reached.
  const copied = await waitFor(
    () => digest(postgres, table),
    (found) => found.sha256 === source.sha256,
    { timeoutMs: 60_000, intervalMs: 1_000, description: `PostgreSQL's ${table} to equal MariaDB's` },
  );
  expect(copied).toEqual(source);
}

/** A sink writing `topic` into PostgreSQL's table `table`, upserting on the primary key. */
function sinkConfig(topic: string, table: string): Record<string, string> {
  return {
    "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
    ...postgres.connection,
    topics: topic,
    "table.name.format": table,
    "insert.mode": "upsert",
    "pk.mode": "record_value",
    "pk.fields": "id",
    "auto.create": "true",
  };
}

describe("MariaDB → Kafka → PostgreSQL through the JDBC connectors", () => {
  it("copies 100,000 rows in bulk, with equal counts and checksums", { timeout: 600_000 }, async () => {
    const table = uniqueName("bulk");
    await accountsTable(table, 100_000);
    const topic = `m-${table}`;
    await createConnector(`${table}-source`, {
      "connector.class": "JdbcSourceConnector",
      ...mariadb.connection,
      mode: "bulk",
      "table.whitelist": table,
      "topic.prefix": "m-",
      "batch.max.rows": "1000",
      // One pass: bulk mode reads the whole table again on every poll.
      "poll.interval.ms": "86400000",
    });
    await createConnector(`${table}-sink`, { ...sinkConfig(topic, table), "insert.mode": "insert" });
    await waitForCopy(table, 480_000);
  });

  it("keeps PostgreSQL equal to MariaDB, with no duplicate, after a kill -9 of the worker and redelivery", {
    timeout: 600_000,
  }, async () => {
    const table = uniqueName("eos");
    await accountsTable(table, 20_000);
    const topic = `m-${table}`;
    await createConnector(`${table}-source`, {
      "connector.class": "JdbcSourceConnector",
      ...mariadb.connection,
      mode: "timestamp+incrementing",
      "timestamp.column.name": "updated",
      "incrementing.column.name": "id",
      "table.whitelist": table,
      "topic.prefix": "m-",
      "batch.max.rows": "500",
      "poll.interval.ms": "200",
    });
    await createConnector(`${table}-sink`, sinkConfig(topic, table));
    await waitFor(
      async () =>
        Number(
          (await postgres.query(`SELECT COUNT(*) FROM ${postgres.quote(table)}`).catch(() => [[0]]))[0]?.[0],
        ),
      (count) => count >= 2_000,
      { timeoutMs: 120_000, description: "the copy to be under way" },
    );

    // Mid-stream the worker dies without a word: what it had produced or written but not committed comes
    // again once it is back, and upserts on the primary key make the repeats harmless.
    await stopComponent(runDir, "worker", "kill");
    await addAccounts(table, 20_001, 5_000);
    await mariadb.query(
      `UPDATE ${table} SET balance = balance + 1, note = 'updated', updated = CURRENT_TIMESTAMP(3) WHERE id % 1000 = 0`,
    );
    await startComponents(runDir, ["worker"]);
    // Equal counts and equal digests over the rows in id order: every row once, with its last values.
    await waitForCopy(table, 480_000);
  });
});
