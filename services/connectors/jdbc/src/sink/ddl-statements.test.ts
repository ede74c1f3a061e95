import { describe, expect, it } from "vitest";
import { type Dialect, MYSQL_DIALECT, POSTGRES_DIALECT } from "../connection/dialect.js";
import { addColumnsSql, type ColumnDefinition, createTableSql, defaultLiteral } from "./ddl-statements.js";
import type { SqlValue } from "./sql-parameter.js";

const TABLE = { schema: "shop", name: "orders" };

const column = (name: string, sqlType: string, extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  name,
  sqlType,
  isKey: false,
  isOptional: false,
  defaultValue: null,
  ...extra,
});

describe("createTableSql", () => {
  const columns = [
    column("id", "BIGINT", { isKey: true }),
    column("region", "VARCHAR(256)", { isKey: true, isOptional: true }),
    column("note", "TEXT", { isOptional: true }),
    column("qty", "INT", { defaultValue: 1 }),
  ];

  it.each<[Dialect, string]>([
    [
      MYSQL_DIALECT,
      "CREATE TABLE `shop`.`orders` (\n`id` BIGINT NOT NULL,\n`region` VARCHAR(256) NOT NULL,\n`note` TEXT NULL,\n" +
        "`qty` INT NOT NULL DEFAULT 1,\nPRIMARY KEY(`id`,`region`))",
    ],
    [
      POSTGRES_DIALECT,
      'CREATE TABLE "shop"."orders" (\n"id" BIGINT NOT NULL,\n"region" VARCHAR(256) NOT NULL,\n"note" TEXT NULL,\n' +
        '"qty" INT NOT NULL DEFAULT 1,\nPRIMARY KEY("id","region"))',
    ],
  ])("declares the columns and the key, keys NOT NULL (%#)", (dialect, sql) => {
    expect(createTableSql(dialect, TABLE, columns)).toBe(sql);
  });

  it("leaves out PRIMARY KEY when no column is a key", () => {
    expect(createTableSql(POSTGRES_DIALECT, TABLE, [column("a", "TEXT")])).toBe(
      'CREATE TABLE "shop"."orders" (\n"a" TEXT NOT NULL)',
    );
  });
});

describe("addColumnsSql", () => {
  it.each<[Dialect, string]>([
    [
      MYSQL_DIALECT,
      "ALTER TABLE `shop`.`orders` ADD COLUMN `note` TEXT NULL, ADD COLUMN `qty` INT NOT NULL DEFAULT 0",
    ],
    [
      POSTGRES_DIALECT,
      'ALTER TABLE "shop"."orders" ADD COLUMN "note" TEXT NULL, ADD COLUMN "qty" INT NOT NULL DEFAULT 0',
    ],
  ])("adds every column in one statement (%#)", (dialect, sql) => {
    const columns = [column("note", "TEXT", { isOptional: true }), column("qty", "INT", { defaultValue: 0 })];
    expect(addColumnsSql(dialect, TABLE, columns)).toBe(sql);
  });

  it("gives a MySQL TEXT or BLOB column its default as an expression, which MySQL 8 requires", () => {
    expect(addColumnsSql(MYSQL_DIALECT, TABLE, [column("note", "TEXT", { defaultValue: "n/a" })])).toBe(
      "ALTER TABLE `shop`.`orders` ADD COLUMN `note` TEXT NOT NULL DEFAULT ('n/a')",
    );
  });
});

describe("defaultLiteral", () => {
  it.each<[string, SqlValue, string | undefined, string | undefined]>([
    ["null", null, undefined, undefined],
    ["a number", -1.5, "-1.5", "-1.5"],
    ["a number SQL cannot spell", Number.NaN, undefined, undefined],
    ["a boolean", true, "TRUE", "TRUE"],
    ["a string with quotes and a backslash", "it's a\\b", "'it''s a\\\\b'", "'it''s a\\b'"],
    ["exact text", "12.50", "'12.50'", "'12.50'"],
    ["bytes", Buffer.from([1, 171]), "X'01ab'", "'\\x01ab'::bytea"],
  ])("spells %s", (_, value, mysql, postgres) => {
    expect(defaultLiteral(MYSQL_DIALECT, value)).toBe(mysql);
    expect(defaultLiteral(POSTGRES_DIALECT, value)).toBe(postgres);
  });
});
