import { describe, expect, it } from "vitest";
import { POSTGRES_DIALECT } from "../connection/dialect.js";
import type { RowShape, RowValues } from "./dml-statements.js";
import type { ChunkLimits } from "./row-chunks.js";
import { type PreparedRow, planStatements, type RowAction, runsOf } from "./row-runs.js";

const LIMITS: ChunkLimits = { maxRows: 3000, maxParams: 65_535, maxBytes: 4 * 1024 * 1024 };
const ORDERS: RowShape = {
  table: { schema: "public", name: "orders" },
  columns: [
    { name: "id", isKey: true },
    { name: "name", isKey: false },
  ],
};
const USERS: RowShape = { ...ORDERS, table: { schema: "public", name: "users" } };
const KEY_ONLY: RowShape = { ...ORDERS, columns: [{ name: "id", isKey: true }] };

let next = 0;
const row = (action: RowAction, shape: RowShape, values: RowValues): PreparedRow => ({
  index: next++,
  origin: "test",
  action,
  shape,
  values,
});

describe("runsOf", () => {
  it("groups consecutive rows with the same action, table and columns, and keeps their order", () => {
    const rows = [
      row("insert", ORDERS, [1, "a"]),
      row("insert", ORDERS, [2, "b"]),
      row("insert", USERS, [3, "c"]),
      row("delete", KEY_ONLY, [1]),
      row("insert", ORDERS, [1, "d"]),
      row("insert", { ...ORDERS, columns: [...ORDERS.columns] }, [4, "e"]),
    ];
    expect(runsOf(rows).map((run) => run.map((r) => r.values[0]))).toEqual([[1, 2], [3], [1], [1, 4]]);
  });
});

describe("planStatements", () => {
  it.each<[string, PreparedRow[], string[]]>([
    [
      "one INSERT per run",
      [row("insert", ORDERS, [1, "a"]), row("insert", ORDERS, [2, "b"]), row("insert", USERS, [3, "c"])],
      [
        'INSERT INTO "public"."orders" ("id","name") VALUES ($1,$2),($3,$4)',
        'INSERT INTO "public"."users" ("id","name") VALUES ($1,$2)',
      ],
    ],
    [
      "one UPDATE per row",
      [row("update", ORDERS, [1, "a"]), row("update", ORDERS, [2, "b"])],
      [
        'UPDATE "public"."orders" SET "name"=$1 WHERE "id"=$2',
        'UPDATE "public"."orders" SET "name"=$1 WHERE "id"=$2',
      ],
    ],
    ["no UPDATE for rows that are all key", [row("update", KEY_ONLY, [1])], []],
    [
      "a delete between two upserts of a key, in order",
      [row("upsert", ORDERS, [1, "a"]), row("delete", KEY_ONLY, [1]), row("upsert", ORDERS, [1, "b"])],
      [
        'INSERT INTO "public"."orders" ("id","name") VALUES ($1,$2) ON CONFLICT ("id") DO UPDATE SET "name"=EXCLUDED."name"',
        'DELETE FROM "public"."orders" WHERE "id" IN ($1)',
        'INSERT INTO "public"."orders" ("id","name") VALUES ($1,$2) ON CONFLICT ("id") DO UPDATE SET "name"=EXCLUDED."name"',
      ],
    ],
  ])("writes %s", (_, rows, sql) => {
    expect(planStatements(POSTGRES_DIALECT, rows, LIMITS).map((planned) => planned.statement.sql)).toEqual(
      sql,
    );
  });

  it("upserts only the last row of a key in one statement, since PostgreSQL refuses to touch a row twice", () => {
    const rows = [
      row("upsert", ORDERS, [1, "a"]),
      row("upsert", ORDERS, [2, "b"]),
      row("upsert", ORDERS, [1, "c"]),
    ];
    const [planned] = planStatements(POSTGRES_DIALECT, rows, LIMITS);
    expect(planned?.statement.params).toEqual([2, "b", 1, "c"]);
  });

  it("splits a run by batch.size and names the rows of each statement", () => {
    const rows = [1, 2, 3].map((id) => row("insert", ORDERS, [id, "x"]));
    const planned = planStatements(POSTGRES_DIALECT, rows, { ...LIMITS, maxRows: 2 });
    expect(planned.map((p) => p.rows.map((r) => r.values[0]))).toEqual([[1, 2], [3]]);
  });
});
