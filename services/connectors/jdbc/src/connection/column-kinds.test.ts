import { describe, expect, it } from "vitest";
import { type MysqlField, mysqlColumn, postgresColumn } from "./column-kinds.js";

const mysql = (field: Partial<MysqlField>): MysqlField => ({ name: "c", flags: 0, decimals: 0, ...field });
const UNSIGNED = 32;

describe("mysqlColumn", () => {
  it.each<[string, Partial<MysqlField>, string, number?]>([
    ["TINYINT(1) is a boolean", { columnType: 1, columnLength: 1 }, "boolean"],
    ["TINYINT", { columnType: 1, columnLength: 4 }, "int8"],
    ["TINYINT UNSIGNED widens", { columnType: 1, columnLength: 3, flags: UNSIGNED }, "int16"],
    ["SMALLINT UNSIGNED widens", { columnType: 2, flags: UNSIGNED }, "int32"],
    ["INT", { columnType: 3 }, "int32"],
    ["INT UNSIGNED widens", { columnType: 3, flags: UNSIGNED }, "int64"],
    ["BIGINT", { columnType: 8 }, "int64"],
    ["BIGINT UNSIGNED is a Decimal", { columnType: 8, flags: UNSIGNED }, "decimal", 0],
    ["DECIMAL(10,2)", { columnType: 246, decimals: 2 }, "decimal", 2],
    ["FLOAT", { columnType: 4 }, "float32"],
    ["DOUBLE", { columnType: 5 }, "float64"],
    ["DATE", { columnType: 10 }, "date"],
    ["TIME", { columnType: 11 }, "time"],
    ["DATETIME has no zone", { columnType: 12 }, "timestamp"],
    ["TIMESTAMP is an instant", { columnType: 7 }, "zonedTimestamp"],
    ["VARCHAR", { columnType: 253, characterSet: 45 }, "string"],
    ["VARBINARY", { columnType: 253, characterSet: 63 }, "bytes"],
    ["TEXT", { columnType: 252, characterSet: 45 }, "string"],
    ["BLOB", { columnType: 252, characterSet: 63 }, "bytes"],
    ["BIT(1) is a boolean", { columnType: 16, columnLength: 1 }, "boolean"],
    ["BIT(8)", { columnType: 16, columnLength: 8 }, "bytes"],
    ["JSON", { columnType: 245 }, "string"],
    ["GEOMETRY", { columnType: 255 }, "unsupported"],
  ])("%s", (_, field, kind, scale = 0) => {
    expect(mysqlColumn(mysql(field))).toMatchObject({ kind, scale });
  });
});

describe("postgresColumn", () => {
  it.each<[string, number, number, string, number?]>([
    ["boolean", 16, -1, "boolean"],
    ["smallint", 21, -1, "int16"],
    ["integer", 23, -1, "int32"],
    ["bigint", 20, -1, "int64"],
    ["numeric(10,2) is a Decimal", 1700, ((10 << 16) | 2) + 4, "decimal", 2],
    ["an unconstrained numeric keeps its exact text", 1700, -1, "string"],
    ["text", 25, -1, "string"],
    ["uuid", 2950, -1, "string"],
    ["jsonb", 3802, -1, "string"],
    ["bytea", 17, -1, "bytes"],
    ["timestamp has no zone", 1114, 6, "timestamp"],
    ["timestamptz is an instant", 1184, 6, "zonedTimestamp"],
    ["an integer array", 1007, -1, "unsupported"],
  ])("%s", (_, dataTypeID, dataTypeModifier, kind, scale = 0) => {
    expect(postgresColumn({ name: "c", dataTypeID, dataTypeModifier })).toMatchObject({ kind, scale });
  });
});
