import { describe, expect, it } from "vitest";
import { MYSQL_DIALECT, POSTGRES_DIALECT } from "../connection/dialect.js";
import { type PollQueryParts, pollQuery } from "./poll-query.js";

const parts = (overrides: Partial<PollQueryParts>): PollQueryParts => ({
  dialect: MYSQL_DIALECT,
  mode: "bulk",
  from: "`test`.`login`",
  timestampColumns: ["login_time"],
  incrementingColumn: "id",
  lastTimestamp: undefined,
  timestampBefore: "2024-03-01 12:00:00.000000",
  lastIncrementing: undefined,
  ...overrides,
});

describe("pollQuery", () => {
  it.each<[string, Partial<PollQueryParts>, string, unknown[]]>([
    ["bulk reads every row", {}, "SELECT * FROM `test`.`login`", []],
    [
      "incrementing starts with every row",
      { mode: "incrementing" },
      "SELECT * FROM `test`.`login` ORDER BY `id` ASC",
      [],
    ],
    [
      "incrementing goes on after the last value",
      { mode: "incrementing", lastIncrementing: 41n },
      "SELECT * FROM `test`.`login` WHERE `id` > ? ORDER BY `id` ASC",
      ["41"],
    ],
    [
      "timestamp reads before the bound only",
      { mode: "timestamp" },
      "SELECT * FROM `test`.`login` WHERE `login_time` < ? ORDER BY `login_time` ASC",
      ["2024-03-01 12:00:00.000000"],
    ],
    [
      "timestamp goes on after the last timestamp read in full",
      { mode: "timestamp", lastTimestamp: "2024-03-01 11:00:00.000000" },
      "SELECT * FROM `test`.`login` WHERE `login_time` > ? AND `login_time` < ? ORDER BY `login_time` ASC",
      ["2024-03-01 11:00:00.000000", "2024-03-01 12:00:00.000000"],
    ],
    [
      "several timestamp columns count the first that is set",
      { mode: "timestamp", timestampColumns: ["updated", "created"] },
      "SELECT * FROM `test`.`login` WHERE COALESCE(`updated`, `created`) < ? ORDER BY COALESCE(`updated`, `created`) ASC",
      ["2024-03-01 12:00:00.000000"],
    ],
    [
      "timestamp+incrementing goes on within a timestamp by the incrementing column",
      { mode: "timestamp+incrementing", lastTimestamp: "2024-03-01 11:00:00.000000", lastIncrementing: 7n },
      "SELECT * FROM `test`.`login` WHERE `login_time` < ? AND `id` IS NOT NULL AND ((`login_time` = ? AND `id` > ?) OR `login_time` > ?) ORDER BY `login_time` ASC, `id` ASC",
      ["2024-03-01 12:00:00.000000", "2024-03-01 11:00:00.000000", "7", "2024-03-01 11:00:00.000000"],
    ],
  ])("%s", (_, overrides, sql, params) => {
    expect(pollQuery(parts(overrides))).toEqual({ sql, params });
  });

  it("numbers PostgreSQL's parameters and quotes its names its own way", () => {
    expect(
      pollQuery(
        parts({
          dialect: POSTGRES_DIALECT,
          from: '"public"."orders"',
          mode: "timestamp+incrementing",
          timestampColumns: ['odd"name'],
          lastTimestamp: "t",
          lastIncrementing: 1n,
        }),
      ).sql,
    ).toBe(
      'SELECT * FROM "public"."orders" WHERE "odd""name" < $1 AND "id" IS NOT NULL AND (("odd""name" = $2 AND "id" > $3) OR "odd""name" > $4) ORDER BY "odd""name" ASC, "id" ASC',
    );
  });
});
