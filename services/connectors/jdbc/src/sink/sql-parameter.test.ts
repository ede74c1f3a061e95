import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
  toValue,
} from "@connect-mesh/connector-sdk";
import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { SinkField } from "./record-fields.js";
import { type ColumnTarget, holdsInstants, type SqlValue, sqlParameter } from "./sql-parameter.js";

const schema = (type: SchemaType, extra: Partial<Schema> = {}) => Schema.fromPartial({ type, ...extra });
const field = (s: Schema): SinkField => ({ name: "f", schema: s, isKey: false });
const int = (n: bigint): Value => ({ kind: { $case: "intValue", value: n } });
const EMPTY_STRUCT: Value = { kind: { $case: "structValue", value: { fields: [] } } };
const UTC: ColumnTarget = { holdsInstants: false, zone: "UTC" };

/** 2024-03-01T12:34:56.789Z */
const INSTANT = new Date(Date.UTC(2024, 2, 1, 12, 34, 56, 789));

describe("sqlParameter", () => {
  it.each<[string, Schema, Value | undefined, SqlValue]>([
    ["INT8 as a number", schema(SchemaType.SCHEMA_TYPE_INT8), int(-8n), -8],
    ["INT32 as a number", schema(SchemaType.SCHEMA_TYPE_INT32), int(2_147_483_647n), 2_147_483_647],
    [
      "INT64 as exact text",
      schema(SchemaType.SCHEMA_TYPE_INT64),
      int(9_223_372_036_854_775_807n),
      "9223372036854775807",
    ],
    ["FLOAT64", schema(SchemaType.SCHEMA_TYPE_FLOAT64), toValue(1.5), 1.5],
    ["FLOAT32 given as an integer", schema(SchemaType.SCHEMA_TYPE_FLOAT32), int(3n), 3],
    ["BOOLEAN", schema(SchemaType.SCHEMA_TYPE_BOOLEAN), toValue(true), true],
    ["STRING", schema(SchemaType.SCHEMA_TYPE_STRING), toValue("héllo 'x'"), "héllo 'x'"],
    ["a null", schema(SchemaType.SCHEMA_TYPE_STRING, { optional: true }), toValue(null), null],
    ["an absent value", schema(SchemaType.SCHEMA_TYPE_STRING, { optional: true }), undefined, null],
    [
      "a null with a default: the default, as Connect's Struct.get",
      schema(SchemaType.SCHEMA_TYPE_STRING, { defaultValue: toValue("none") }),
      toValue(null),
      "none",
    ],
    [
      "a Decimal as its exact text",
      LogicalDecimal.schema(2),
      LogicalDecimal.toValue("-12345678901234567890.05", 2),
      "-12345678901234567890.05",
    ],
    ["a Decimal of scale 0", LogicalDecimal.schema(0), LogicalDecimal.toValue("42", 0), "42"],
    ["a Date", LogicalDate.schema(), LogicalDate.toValue(new Date(Date.UTC(2024, 1, 29))), "2024-02-29"],
    [
      "a Date before 1970",
      LogicalDate.schema(),
      LogicalDate.toValue(new Date(Date.UTC(1969, 11, 31))),
      "1969-12-31",
    ],
    ["a Time", LogicalTime.schema(), LogicalTime.toValue(new Date(45_296_789)), "12:34:56.789"],
    [
      "a Timestamp in UTC",
      LogicalTimestamp.schema(),
      LogicalTimestamp.toValue(INSTANT),
      "2024-03-01 12:34:56.789000",
    ],
  ])("writes %s", (_, s, value, expected) => {
    expect(sqlParameter(field(s), value, UTC)).toEqual(expected);
  });

  it("writes BYTES as a Buffer", () => {
    const value: Value = { kind: { $case: "bytesValue", value: Buffer.from([0, 255]) } };
    expect(sqlParameter(field(schema(SchemaType.SCHEMA_TYPE_BYTES)), value, UTC)).toEqual(
      Buffer.from([0, 255]),
    );
  });

  it.each<[string, ColumnTarget, string]>([
    ["a wall-clock column in UTC", { holdsInstants: false, zone: "UTC" }, "2024-03-01 12:34:56.789000"],
    [
      "a wall-clock column in db.timezone",
      { holdsInstants: false, zone: "Europe/Paris" },
      "2024-03-01 13:34:56.789000",
    ],
    [
      "a wall-clock column west of UTC",
      { holdsInstants: false, zone: "America/New_York" },
      "2024-03-01 07:34:56.789000",
    ],
    [
      "a column of instants, whatever db.timezone",
      { holdsInstants: true, zone: "Europe/Paris" },
      "2024-03-01 12:34:56.789000",
    ],
  ])("writes a Timestamp into %s", (_, target, expected) => {
    expect(sqlParameter(field(LogicalTimestamp.schema()), LogicalTimestamp.toValue(INSTANT), target)).toBe(
      expected,
    );
  });

  it.each<[string, Schema, Value, RegExp]>([
    ["a STRUCT", schema(SchemaType.SCHEMA_TYPE_STRUCT), EMPTY_STRUCT, /STRUCT, which no column holds/],
    ["an ARRAY", schema(SchemaType.SCHEMA_TYPE_ARRAY), toValue([1n]), /ARRAY, which no column holds/],
    [
      "a value of another kind",
      schema(SchemaType.SCHEMA_TYPE_INT32),
      toValue("x"),
      /INT32 but its value is stringValue/,
    ],
    [
      "a Decimal that is not bytes",
      LogicalDecimal.schema(2),
      toValue("1.00"),
      /field "f" cannot be written: a Decimal/,
    ],
    ["a Time past midnight", LogicalTime.schema(), int(86_400_000n), /outside a day/],
  ])("refuses %s with a FatalError naming the field", (_, s, value, message) => {
    const attempt = () => sqlParameter(field(s), value, UTC);
    expect(attempt).toThrow(FatalError);
    expect(attempt).toThrow(message);
  });
});

describe("holdsInstants", () => {
  it.each([
    ["timestamp", true],
    ["timestamp with time zone", true],
    ["datetime", false],
    ["timestamp without time zone", false],
    ["date", false],
  ])("%s: %s", (dataType, expected) => {
    expect(holdsInstants(dataType)).toBe(expected);
  });
});
