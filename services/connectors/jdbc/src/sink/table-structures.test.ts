import { FatalError, silentLogger, toValue } from "@connect-mesh/connector-sdk";
import { Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { Database } from "../connection/database.js";
import { MYSQL_DIALECT } from "../connection/dialect.js";
import type { TableName } from "../connection/table-name.js";
import type { TableColumn } from "../schema/result-column.js";
import type { SinkField } from "./record-fields.js";
import { type StructureSettings, TableStructures } from "./table-structures.js";

const TABLE: TableName = { schema: "shop", name: "orders" };

const column = (name: string): TableColumn => ({
  name,
  isNullable: true,
  isAutoIncrement: false,
  isPrimaryKey: false,
  dataType: "text",
});

const field = (name: string, extra: Partial<Schema> = {}, isKey = false): SinkField => ({
  name,
  schema: Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING, ...extra }),
  isKey,
});

/**
 * A catalog of one table that counts its reads, and runs DDL by the `onDdl` hook: what the tests need to
 * see tables created, widened and described.
 */
class FakeCatalog {
  columns: TableColumn[] = [];
  readonly ddl: string[] = [];
  describes = 0;

  constructor(private readonly onDdl: (catalog: FakeCatalog, sql: string) => void = () => undefined) {}

  asDatabase(): Database {
    return {
      dialect: MYSQL_DIALECT,
      defaultSchema: "shop",
      execute: async (sql) => {
        this.ddl.push(sql);
        this.onDdl(this, sql);
        return [];
      },
      describeTable: async () => {
        this.describes += 1;
        return [...this.columns];
      },
      transaction: (work) => work(),
      stream: () => Promise.reject(new Error("not used")),
      listTables: async () => [],
      nowMicros: async () => 0n,
      close: async () => undefined,
    };
  }
}

const settings = (overrides: Partial<StructureSettings> = {}): StructureSettings => ({
  autoCreate: false,
  autoEvolve: false,
  zone: "UTC",
  secrets: [],
  logger: silentLogger,
  ...overrides,
});

const names = (columns: readonly TableColumn[]) => columns.map((c) => c.name);

describe("TableStructures.columnsFor", () => {
  it("reads a table once and keeps its description", async () => {
    const catalog = new FakeCatalog();
    catalog.columns = [column("id"), column("name")];
    const tables = new TableStructures(settings());
    const db = catalog.asDatabase();
    expect(names(await tables.columnsFor(db, TABLE, [field("name"), field("id")]))).toEqual(["name", "id"]);
    await tables.columnsFor(db, TABLE, [field("id")]);
    expect(catalog.describes).toBe(1);
    tables.forget();
    await tables.columnsFor(db, TABLE, [field("id")]);
    expect(catalog.describes).toBe(2);
  });

  it("refuses a missing table without auto.create, naming the table and the key", async () => {
    const tables = new TableStructures(settings());
    const attempt = tables.columnsFor(new FakeCatalog().asDatabase(), TABLE, [field("id")]);
    await expect(attempt).rejects.toBeInstanceOf(FatalError);
    await expect(attempt).rejects.toThrow(
      "table `shop`.`orders` does not exist and auto.create is false; create the table, or set auto.create=true",
    );
  });

  it("creates a missing table with auto.create, and reads it again", async () => {
    const catalog = new FakeCatalog((c) => {
      c.columns = [column("id"), column("note")];
    });
    const tables = new TableStructures(settings({ autoCreate: true }));
    const columns = await tables.columnsFor(catalog.asDatabase(), TABLE, [
      field("id", {}, true),
      field("note", { optional: true, defaultValue: toValue("n/a") }),
    ]);
    expect(names(columns)).toEqual(["id", "note"]);
    expect(catalog.ddl).toEqual([
      "CREATE TABLE `shop`.`orders` (\n`id` VARCHAR(256) NOT NULL,\n`note` TEXT NULL DEFAULT ('n/a'),\nPRIMARY KEY(`id`))",
    ]);
  });

  it("takes a table another task created while this one tried to", async () => {
    const catalog = new FakeCatalog((c) => {
      c.columns = [column("id")];
      throw Object.assign(new Error("Table 'orders' already exists"), { code: "ER_TABLE_EXISTS_ERROR" });
    });
    const tables = new TableStructures(settings({ autoCreate: true }));
    expect(names(await tables.columnsFor(catalog.asDatabase(), TABLE, [field("id")]))).toEqual(["id"]);
  });

  it("refuses a missing column without auto.evolve, naming the column and the key", async () => {
    const catalog = new FakeCatalog();
    catalog.columns = [column("id")];
    const attempt = new TableStructures(settings()).columnsFor(catalog.asDatabase(), TABLE, [
      field("id"),
      field("extra", { optional: true }),
    ]);
    await expect(attempt).rejects.toThrow(
      /has no column "extra" .* auto\.evolve is false; .*set auto\.evolve=true/,
    );
  });

  it("adds missing optional columns with auto.evolve, and never drops one", async () => {
    const catalog = new FakeCatalog((c) => {
      c.columns = [...c.columns, column("extra")];
    });
    catalog.columns = [column("id"), column("unused")];
    const tables = new TableStructures(settings({ autoEvolve: true }));
    const columns = await tables.columnsFor(catalog.asDatabase(), TABLE, [
      field("id"),
      field("extra", { optional: true }),
    ]);
    expect(names(columns)).toEqual(["id", "extra"]);
    expect(catalog.ddl).toEqual(["ALTER TABLE `shop`.`orders` ADD COLUMN `extra` TEXT NULL"]);
  });

  it("refuses to add a column for a required field without a default", async () => {
    const catalog = new FakeCatalog();
    catalog.columns = [column("id")];
    const attempt = new TableStructures(settings({ autoEvolve: true })).columnsFor(
      catalog.asDatabase(),
      TABLE,
      [field("id"), field("required")],
    );
    await expect(attempt).rejects.toThrow(
      /cannot add column "required" .* not optional and has no default value/,
    );
    expect(catalog.ddl).toEqual([]);
  });
});
