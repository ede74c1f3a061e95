import { fromValue, silentLogger } from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { Database, RowStream } from "../connection/database.js";
import { MYSQL_DIALECT } from "../connection/dialect.js";
import { parseMicros } from "../connection/micros-text.js";
import type { ResultColumn } from "../schema/result-column.js";
import { type ReaderSettings, TableReader } from "./table-reader.js";

const COLUMNS: ResultColumn[] = [
  { name: "id", kind: "int32", scale: 0, sqlType: "INT" },
  { name: "at", kind: "timestamp", scale: 0, sqlType: "DATETIME" },
];

/**
 * A database that answers every query with the rows given, and remembers what it was asked. Like a real
 * connection, it answers nothing else while a result is still being read.
 */
class ScriptedDatabase implements Database {
  readonly dialect = MYSQL_DIALECT;
  readonly defaultSchema = "test";
  readonly queries: { sql: string; params: readonly unknown[] }[] = [];
  private openResults = 0;

  constructor(
    private readonly rows: unknown[][],
    private readonly now = "2024-03-01 12:00:07.250000",
  ) {}

  async stream(sql: string, params: readonly unknown[]): Promise<RowStream> {
    this.assertIdle();
    this.queries.push({ sql, params });
    const rows = sql.includes("WHERE 1 = 0") ? [] : this.rows;
    this.openResults += 1;
    const done = () => {
      this.openResults -= 1;
    };
    return {
      columns: COLUMNS,
      rows: (async function* () {
        try {
          yield* rows;
        } finally {
          done();
        }
      })(),
    };
  }
  async execute(): Promise<unknown[][]> {
    return [];
  }
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
  async listTables() {
    return [];
  }
  async describeTable() {
    this.assertIdle();
    return [
      { name: "id", isNullable: false, isAutoIncrement: true, isPrimaryKey: true, dataType: "int" },
      { name: "at", isNullable: false, isAutoIncrement: false, isPrimaryKey: false, dataType: "datetime" },
    ];
  }
  async nowMicros(): Promise<bigint> {
    return parseMicros(this.now);
  }
  async close(): Promise<void> {}

  private assertIdle(): void {
    if (this.openResults > 0) throw new Error("a query was sent while a result was still being read");
  }
}

const settings = (overrides: Partial<ReaderSettings>): ReaderSettings => ({
  mode: "timestamp",
  topic: "t",
  timestampColumns: ["at"],
  incrementingColumn: "id",
  batchMaxRows: 100,
  timestampDelayMs: 0n,
  zone: "UTC",
  logger: silentLogger,
  ...overrides,
});

async function pollOnce(reader: TableReader, db: Database): Promise<ConnectRecord[][]> {
  const batches: ConnectRecord[][] = [];
  for await (const batch of reader.poll(db, new AbortController().signal)) batches.push(batch);
  return batches;
}

const offsets = (batches: ConnectRecord[][]) =>
  batches
    .flat()
    .map((r) => JSON.stringify(fromValue(r.sourceOffset), (_, v) => (typeof v === "bigint" ? Number(v) : v)));

const ms = (text: string) => Number(parseMicros(text) / 1000n);

describe("TableReader", () => {
  it("moves a timestamp offset only at the last row of each timestamp, so a restart mid-run re-reads the run", async () => {
    const db = new ScriptedDatabase([
      [1, "2024-03-01 12:00:01"],
      [2, "2024-03-01 12:00:01"],
      [3, "2024-03-01 12:00:01"],
      [4, "2024-03-01 12:00:02"],
    ]);
    const reader = new TableReader(
      { kind: "table", table: { schema: "test", name: "t" } },
      settings({}),
      {},
      {},
    );
    expect(offsets(await pollOnce(reader, db))).toEqual([
      "{}",
      "{}",
      JSON.stringify({ timestamp: ms("2024-03-01 12:00:01"), timestamp_nanos: 0 }),
      JSON.stringify({ timestamp: ms("2024-03-01 12:00:02"), timestamp_nanos: 0 }),
    ]);
  });

  it("reads only before the database clock's current second, less the delay, and after the last timestamp", async () => {
    const db = new ScriptedDatabase([[1, "2024-03-01 12:00:01"]]);
    const reader = new TableReader(
      { kind: "table", table: { schema: "test", name: "t" } },
      settings({ timestampDelayMs: 2_000n }),
      {},
      {},
    );
    await pollOnce(reader, db);
    await pollOnce(reader, db);
    const polls = db.queries.filter((q) => !q.sql.includes("1 = 0"));
    expect(polls.map((q) => q.params)).toEqual([
      ["2024-03-01 12:00:05.000000"],
      ["2024-03-01 12:00:01.000000", "2024-03-01 12:00:05.000000"],
    ]);
  });

  it("compares wall-clock columns in db.timezone", async () => {
    const db = new ScriptedDatabase([]);
    const reader = new TableReader(
      { kind: "table", table: { schema: "test", name: "t" } },
      settings({ zone: "Europe/Paris" }),
      {},
      { timestampMicros: parseMicros("2024-03-01 10:00:00") },
    );
    await pollOnce(reader, db);
    expect(db.queries.at(-1)?.params).toEqual(["2024-03-01 11:00:00.000000", "2024-03-01 13:00:07.000000"]);
  });

  it("splits what it reads into batches of batch.max.rows, each record at its own incrementing offset", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [i + 1, "2024-03-01 12:00:01"]);
    const reader = new TableReader(
      { kind: "table", table: { schema: "test", name: "t" } },
      settings({ mode: "incrementing", batchMaxRows: 2 }),
      {},
      {},
    );
    const batches = await pollOnce(reader, new ScriptedDatabase(rows));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(offsets(batches)).toEqual([1, 2, 3, 4, 5].map((n) => JSON.stringify({ incrementing: n })));
  });

  it("names the value schema after the table and makes NOT NULL columns required", async () => {
    const reader = new TableReader(
      { kind: "table", table: { schema: "test", name: "login" } },
      settings({ mode: "bulk" }),
      {},
      {},
    );
    const [[record]] = (await pollOnce(reader, new ScriptedDatabase([[1, "2024-03-01 12:00:01"]]))) as [
      [ConnectRecord],
    ];
    expect(record.valueSchema?.name).toBe("login");
    expect(record.valueSchema?.fields.map((f) => [f.name, f.schema?.optional])).toEqual([
      ["id", false],
      ["at", false],
    ]);
  });
});
