import { FatalError } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { type Dialect, MYSQL_DIALECT, POSTGRES_DIALECT } from "../connection/dialect.js";
import {
  checkShape,
  deleteStatement,
  insertStatement,
  type RowShape,
  type Statement,
  updateStatement,
} from "./dml-statements.js";

const TABLE = { schema: "shop", name: "orders" };
const shape = (...columns: string[]): RowShape => ({
  table: TABLE,
  // A trailing * marks a key column.
  columns: columns.map((name) => ({ name: name.replace("*", ""), isKey: name.endsWith("*") })),
});

describe("insertStatement", () => {
  it.each<[string, Dialect, "insert" | "upsert", RowShape, string]>([
    [
      "a MySQL insert",
      MYSQL_DIALECT,
      "insert",
      shape("id", "name"),
      "INSERT INTO `shop`.`orders` (`id`,`name`) VALUES (?,?),(?,?)",
    ],
    [
      "a PostgreSQL insert",
      POSTGRES_DIALECT,
      "insert",
      shape("id", "name"),
      'INSERT INTO "shop"."orders" ("id","name") VALUES ($1,$2),($3,$4)',
    ],
    [
      "a MySQL upsert",
      MYSQL_DIALECT,
      "upsert",
      shape("id*", "name", "city"),
      "INSERT INTO `shop`.`orders` (`id`,`name`,`city`) VALUES (?,?,?),(?,?,?) ON DUPLICATE KEY UPDATE `name`=VALUES(`name`),`city`=VALUES(`city`)",
    ],
    [
      "a PostgreSQL upsert",
      POSTGRES_DIALECT,
      "upsert",
      shape("a*", "b*", "name"),
      'INSERT INTO "shop"."orders" ("a","b","name") VALUES ($1,$2,$3),($4,$5,$6) ON CONFLICT ("a","b") DO UPDATE SET "name"=EXCLUDED."name"',
    ],
    [
      "a MySQL upsert where every column is a key",
      MYSQL_DIALECT,
      "upsert",
      shape("a*", "b*"),
      "INSERT INTO `shop`.`orders` (`a`,`b`) VALUES (?,?),(?,?) ON DUPLICATE KEY UPDATE `a`=`a`",
    ],
    [
      "a PostgreSQL upsert where every column is a key",
      POSTGRES_DIALECT,
      "upsert",
      shape("a*", "b*"),
      'INSERT INTO "shop"."orders" ("a","b") VALUES ($1,$2),($3,$4) ON CONFLICT ("a","b") DO NOTHING',
    ],
  ])("builds %s", (_, dialect, mode, rowShape, sql) => {
    const rows = [rowShape.columns.map((_, i) => i), rowShape.columns.map((_, i) => 10 + i)];
    const statement = insertStatement(dialect, rowShape, rows, mode);
    expect(statement).toEqual({ sql, params: rows.flat() });
  });

  it.each<[Dialect, string, string]>([
    [MYSQL_DIALECT, "we`ird", "INSERT INTO `we``ird`.`we``ird` (`we``ird`) VALUES (?)"],
    [POSTGRES_DIALECT, "we`ird", 'INSERT INTO "we`ird"."we`ird" ("we`ird") VALUES ($1)'],
    [MYSQL_DIALECT, 'we"ird', 'INSERT INTO `we"ird`.`we"ird` (`we"ird`) VALUES (?)'],
    [POSTGRES_DIALECT, 'we"ird', 'INSERT INTO "we""ird"."we""ird" ("we""ird") VALUES ($1)'],
  ])("quotes the names %#", (dialect, name, sql) => {
    const weird: RowShape = { table: { schema: name, name }, columns: [{ name, isKey: false }] };
    expect(insertStatement(dialect, weird, [["x"]], "insert").sql).toBe(sql);
  });
});

describe("updateStatement", () => {
  it.each<[Dialect, Statement]>([
    [
      MYSQL_DIALECT,
      {
        sql: "UPDATE `shop`.`orders` SET `name`=?,`city`=? WHERE `id`=? AND `region`=?",
        params: ["Ada", "Oslo", 7, "eu"],
      },
    ],
    [
      POSTGRES_DIALECT,
      {
        sql: 'UPDATE "shop"."orders" SET "name"=$1,"city"=$2 WHERE "id"=$3 AND "region"=$4',
        params: ["Ada", "Oslo", 7, "eu"],
      },
    ],
  ])("sets the other columns where the key matches (%#)", (dialect, expected) => {
    expect(
      updateStatement(dialect, shape("id*", "name", "region*", "city"), [7, "Ada", "eu", "Oslo"]),
    ).toEqual(expected);
  });

  it("has nothing to do when every column is a key", () => {
    expect(updateStatement(POSTGRES_DIALECT, shape("id*"), [7])).toBeUndefined();
  });
});

describe("deleteStatement", () => {
  it.each<[string, Dialect, RowShape, Statement]>([
    [
      "one MySQL key",
      MYSQL_DIALECT,
      shape("id*"),
      { sql: "DELETE FROM `shop`.`orders` WHERE `id` IN (?,?)", params: [1, 2] },
    ],
    [
      "one PostgreSQL key",
      POSTGRES_DIALECT,
      shape("id*"),
      { sql: 'DELETE FROM "shop"."orders" WHERE "id" IN ($1,$2)', params: [1, 2] },
    ],
    [
      "a composite MySQL key",
      MYSQL_DIALECT,
      shape("a*", "b*"),
      { sql: "DELETE FROM `shop`.`orders` WHERE (`a`,`b`) IN ((?,?),(?,?))", params: [1, "x", 2, "y"] },
    ],
    [
      "a composite PostgreSQL key",
      POSTGRES_DIALECT,
      shape("a*", "b*"),
      { sql: 'DELETE FROM "shop"."orders" WHERE ("a","b") IN (($1,$2),($3,$4))', params: [1, "x", 2, "y"] },
    ],
  ])("deletes by %s", (_, dialect, rowShape, expected) => {
    const rows =
      rowShape.columns.length === 1
        ? [[1], [2]]
        : [
            [1, "x"],
            [2, "y"],
          ];
    expect(deleteStatement(dialect, rowShape, rows)).toEqual(expected);
  });
});

describe("checkShape", () => {
  it.each<[string, Dialect, RowShape, "insert" | "upsert" | "update" | "delete", RegExp | undefined]>([
    ["an insert without keys", POSTGRES_DIALECT, shape("a"), "insert", undefined],
    [
      "an upsert without keys",
      POSTGRES_DIALECT,
      shape("a"),
      "upsert",
      /insert\.mode=upsert needs key columns/,
    ],
    ["an update without keys", MYSQL_DIALECT, shape("a"), "update", /insert\.mode=update needs key columns/],
    ["a MySQL name with a ?", MYSQL_DIALECT, shape("a?b"), "insert", /contains "\?"/],
    ["a PostgreSQL name with a ?", POSTGRES_DIALECT, shape("a?b"), "insert", undefined],
  ])("%s", (_, dialect, rowShape, action, message) => {
    const check = () => checkShape(dialect, rowShape, action);
    if (message === undefined) expect(check).not.toThrow();
    else {
      expect(check).toThrow(FatalError);
      expect(check).toThrow(message);
    }
  });
});
