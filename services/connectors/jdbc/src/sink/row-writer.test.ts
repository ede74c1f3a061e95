import { FatalError, RetriableError, silentLogger } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import type { Database } from "../connection/database.js";
import { POSTGRES_DIALECT } from "../connection/dialect.js";
import type { RowShape } from "./dml-statements.js";
import type { PreparedRow } from "./row-runs.js";
import { type WriteSettings, writeRows } from "./row-writer.js";
import type { SqlValue } from "./sql-parameter.js";

const SHAPE: RowShape = {
  table: { schema: "public", name: "t" },
  columns: [
    { name: "id", isKey: true },
    { name: "v", isKey: false },
  ],
};
const SETTINGS: WriteSettings = {
  limits: { maxRows: 3000, maxParams: 65_535, maxBytes: 1 << 22 },
  secrets: ["s3cret"],
  logger: silentLogger,
};

/** A driver's error, as mysql2 and pg throw them: a message and a code. */
function driverError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A database that keeps the values of committed statements, and refuses a statement when `refuse` says so:
 * enough to watch transactions commit and roll back.
 */
class FakeDatabase {
  readonly committed: SqlValue[][] = [];
  transactions = 0;
  private staged: SqlValue[][] | undefined;

  constructor(private readonly refuse: (params: readonly SqlValue[]) => Error | undefined) {}

  asDatabase(): Database {
    return {
      dialect: POSTGRES_DIALECT,
      defaultSchema: "public",
      execute: async (_sql, params = []) => {
        const values = params as SqlValue[];
        const error = this.refuse(values);
        if (error !== undefined) throw error;
        (this.staged ?? this.committed).push(values);
        return [];
      },
      transaction: async <T>(work: () => Promise<T>) => {
        this.transactions += 1;
        this.staged = [];
        try {
          const result = await work();
          this.committed.push(...this.staged);
          return result;
        } finally {
          this.staged = undefined;
        }
      },
      stream: () => Promise.reject(new Error("not used")),
      listTables: async () => [],
      describeTable: async () => [],
      nowMicros: async () => 0n,
      close: async () => undefined,
    };
  }
}

const rows = (...values: string[]): PreparedRow[] =>
  values.map((v, index) => ({
    index,
    origin: `offset ${index}`,
    action: "insert",
    shape: SHAPE,
    values: [index, v],
  }));

const committedValues = (db: FakeDatabase) =>
  db.committed.flatMap((params) => params.filter((_, i) => i % 2 === 1));

describe("writeRows", () => {
  it("writes a batch in one transaction with one statement", async () => {
    const db = new FakeDatabase(() => undefined);
    await writeRows(db.asDatabase(), rows("a", "b", "c"), SETTINGS);
    expect(db.committed).toEqual([[0, "a", 1, "b", 2, "c"]]);
    expect(db.transactions).toBe(1);
  });

  it("commits the records before a refused one and reports that one with its recordIndex", async () => {
    const db = new FakeDatabase((params) =>
      params.includes("bad")
        ? driverError('null value in column "v" violates not-null constraint', "23502")
        : undefined,
    );
    const attempt = writeRows(db.asDatabase(), rows("a", "b", "bad", "d"), SETTINGS);
    await expect(attempt).rejects.toBeInstanceOf(FatalError);
    await expect(attempt).rejects.toMatchObject({
      recordIndex: 2,
      message: expect.stringMatching(
        /cannot write record 2 \(offset 2\) to "public"\."t": null value .* \(23502\)/,
      ),
    });
    expect(committedValues(db)).toEqual(["a", "b"]);
  });

  it("commits nothing and names record 0 when the first record is refused", async () => {
    const db = new FakeDatabase((params) =>
      params.includes("bad") ? driverError("bad", "22P02") : undefined,
    );
    await expect(writeRows(db.asDatabase(), rows("bad", "b"), SETTINGS)).rejects.toMatchObject({
      recordIndex: 0,
    });
    expect(db.committed).toEqual([]);
  });

  it("commits every record when only writing them together was refused", async () => {
    const db = new FakeDatabase((params) =>
      params.length > 2
        ? driverError("ON CONFLICT DO UPDATE command cannot affect row a second time", "21000")
        : undefined,
    );
    await writeRows(db.asDatabase(), rows("a", "b"), SETTINGS);
    expect(committedValues(db)).toEqual(["a", "b"]);
  });

  it("throws a retriable error as it is, without recordIndex, having committed nothing", async () => {
    const db = new FakeDatabase(() => driverError("Connection terminated unexpectedly", "ECONNRESET"));
    const attempt = writeRows(db.asDatabase(), rows("a", "b"), SETTINGS);
    await expect(attempt).rejects.toBeInstanceOf(RetriableError);
    await expect(attempt).rejects.toMatchObject({ recordIndex: undefined });
    expect(db.transactions).toBe(1);
    expect(db.committed).toEqual([]);
  });

  it("throws a retriable error met while looking for the bad record without recordIndex", async () => {
    let calls = 0;
    const db = new FakeDatabase(() => {
      calls += 1;
      return calls === 1 ? driverError("duplicate key", "23505") : driverError("deadlock detected", "40P01");
    });
    const attempt = writeRows(db.asDatabase(), rows("a", "b"), SETTINGS);
    await expect(attempt).rejects.toBeInstanceOf(RetriableError);
    await expect(attempt).rejects.toMatchObject({ recordIndex: undefined });
    expect(db.committed).toEqual([]);
  });

  it.each([
    [true, 1, undefined],
    [false, 2, 0],
  ])(
    "on a missing column, with isFirstTry %s, runs %i transactions and reports recordIndex %s",
    async (isFirstTry, transactions, recordIndex) => {
      const db = new FakeDatabase(() => driverError('column "v" does not exist', "42703"));
      const attempt = writeRows(db.asDatabase(), rows("a"), SETTINGS, { isFirstTry });
      await expect(attempt).rejects.toMatchObject({ retriable: false, recordIndex });
      expect(db.transactions).toBe(transactions);
    },
  );

  it("never shows a secret the driver put in its message", async () => {
    const db = new FakeDatabase(() => driverError("password s3cret rejected", "XX000"));
    await expect(writeRows(db.asDatabase(), rows("a"), SETTINGS)).rejects.toThrow(
      /password \[hidden\] rejected/,
    );
  });
});
