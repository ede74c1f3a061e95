import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
} from "@connect-mesh/connector-sdk";
import { Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { columnType } from "./column-types.js";

const physical = (type: SchemaType) => Schema.fromPartial({ type });
const decimal = (scale: number, precision?: string) => {
  const schema = LogicalDecimal.schema(scale);
  return precision === undefined
    ? schema
    : { ...schema, parameters: { ...schema.parameters, "connect.decimal.precision": precision } };
};

describe("columnType", () => {
  it.each<[string, Schema, boolean, string, string]>([
    ["INT8", physical(SchemaType.SCHEMA_TYPE_INT8), false, "TINYINT", "SMALLINT"],
    ["INT16", physical(SchemaType.SCHEMA_TYPE_INT16), false, "SMALLINT", "SMALLINT"],
    ["INT32", physical(SchemaType.SCHEMA_TYPE_INT32), false, "INT", "INTEGER"],
    ["INT64", physical(SchemaType.SCHEMA_TYPE_INT64), false, "BIGINT", "BIGINT"],
    ["FLOAT32", physical(SchemaType.SCHEMA_TYPE_FLOAT32), false, "FLOAT", "REAL"],
    ["FLOAT64", physical(SchemaType.SCHEMA_TYPE_FLOAT64), false, "DOUBLE", "DOUBLE PRECISION"],
    ["BOOLEAN", physical(SchemaType.SCHEMA_TYPE_BOOLEAN), false, "TINYINT(1)", "BOOLEAN"],
    ["STRING", physical(SchemaType.SCHEMA_TYPE_STRING), false, "TEXT", "TEXT"],
    ["a STRING key", physical(SchemaType.SCHEMA_TYPE_STRING), true, "VARCHAR(256)", "TEXT"],
    ["BYTES", physical(SchemaType.SCHEMA_TYPE_BYTES), false, "BLOB", "BYTEA"],
    ["a BYTES key", physical(SchemaType.SCHEMA_TYPE_BYTES), true, "VARBINARY(256)", "BYTEA"],
    ["a Decimal", decimal(2), false, "DECIMAL(65,2)", "NUMERIC(1000,2)"],
    ["a Decimal with its precision", decimal(3, "10"), false, "DECIMAL(10,3)", "NUMERIC(10,3)"],
    [
      "a Decimal with a precision below its scale",
      decimal(4, "2"),
      false,
      "DECIMAL(65,4)",
      "NUMERIC(1000,4)",
    ],
    ["a Date", LogicalDate.schema(), false, "DATE", "DATE"],
    ["a Time", LogicalTime.schema(), false, "TIME(3)", "TIME"],
    ["a Timestamp", LogicalTimestamp.schema(), false, "DATETIME(3)", "TIMESTAMP"],
  ])("gives %s the type MySQL %s / PostgreSQL %s", (_, schema, isKey, mysql, postgres) => {
    expect(columnType(schema, "mysql", isKey)).toBe(mysql);
    expect(columnType(schema, "postgres", isKey)).toBe(postgres);
  });

  it.each([SchemaType.SCHEMA_TYPE_STRUCT, SchemaType.SCHEMA_TYPE_ARRAY, SchemaType.SCHEMA_TYPE_MAP])(
    "refuses schema type %s with a FatalError that says what to do",
    (type) => {
      expect(() => columnType(physical(type), "postgres", false)).toThrow(FatalError);
      expect(() => columnType(physical(type), "mysql", false)).toThrow(/has no SQL column type; flatten it/);
    },
  );
});
