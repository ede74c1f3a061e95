import { fromValue, LogicalDecimal } from "@connect-mesh/connector-sdk";
import { SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { columnReader, columnSchema } from "./column-values.js";
import type { ColumnKind, ResultColumn } from "./result-column.js";

const column = (kind: ColumnKind, scale = 0): ResultColumn => ({ name: "c", kind, scale, sqlType: kind });

describe("columnSchema", () => {
  it.each<[ColumnKind, SchemaType, string]>([
    ["int16", SchemaType.SCHEMA_TYPE_INT16, ""],
    ["decimal", SchemaType.SCHEMA_TYPE_BYTES, "org.apache.kafka.connect.data.Decimal"],
    ["date", SchemaType.SCHEMA_TYPE_INT32, "org.apache.kafka.connect.data.Date"],
    ["time", SchemaType.SCHEMA_TYPE_INT32, "org.apache.kafka.connect.data.Time"],
    ["timestamp", SchemaType.SCHEMA_TYPE_INT64, "org.apache.kafka.connect.data.Timestamp"],
    ["zonedTimestamp", SchemaType.SCHEMA_TYPE_INT64, "org.apache.kafka.connect.data.Timestamp"],
  ])("%s is Connect's %s %s", (kind, type, name) => {
    expect(columnSchema(column(kind, 2), true)).toMatchObject({ type, name, optional: true });
  });

  it("refuses a type Connect cannot carry", () => {
    expect(() => columnSchema(column("unsupported"), true)).toThrow(/unsupported type/);
  });
});

describe("columnReader", () => {
  it.each<[ColumnKind, unknown, unknown]>([
    ["boolean", 1, true],
    ["boolean", Buffer.from([0]), false],
    ["int64", "-9007199254740993", -9007199254740993n],
    ["float32", 1.5, 1.5],
    ["string", "héllo", "héllo"],
    ["date", "2024-03-01", 19_783n],
    ["time", "12:34:56.789", 45_296_789n],
    ["timestamp", "2024-03-01 12:00:00.123456", 1_709_294_400_123n],
    ["zonedTimestamp", "2024-03-01 13:00:00.5+01", 1_709_294_400_500n],
    ["int32", null, null],
  ])("reads a %s from %j", (kind, raw, plain) => {
    expect(fromValue(columnReader(column(kind), "UTC")(raw))).toEqual(plain);
  });

  it("reads a DECIMAL's exact text at the column's scale", () => {
    const value = columnReader(column("decimal", 2), "UTC")("-12.30");
    expect(LogicalDecimal.fromValue(value, LogicalDecimal.schema(2))).toBe("-12.30");
  });

  it("reads a wall-clock timestamp in db.timezone", () => {
    expect(fromValue(columnReader(column("timestamp"), "Europe/Paris")("2024-03-01 13:00:00"))).toBe(
      1_709_294_400_000n,
    );
  });
});
