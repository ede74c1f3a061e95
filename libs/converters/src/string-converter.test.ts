import { DataError, LogicalDate, LogicalDecimal, LogicalTimestamp } from "@connect-mesh/data";
import { NullValue, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { ConverterConfigError } from "./converter-config-error.js";
import { StringConverter } from "./string-converter.js";

const T = SchemaType;
const int = (n: bigint | number): Value => ({ kind: { $case: "intValue", value: BigInt(n) } });
const str = (s: string): Value => ({ kind: { $case: "stringValue", value: s } });
const NULL: Value = { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } };
const utf8 = new StringConverter();
const OPTIONAL_STRING = Schema.fromPartial({ type: T.SCHEMA_TYPE_STRING, optional: true });

describe("StringConverter.fromConnectData", () => {
  const point = Schema.fromPartial({
    type: T.SCHEMA_TYPE_STRUCT,
    fields: [
      { name: "x", index: 0, schema: { type: T.SCHEMA_TYPE_INT32 } },
      { name: "label", index: 1, schema: { type: T.SCHEMA_TYPE_STRING, optional: true } },
      { name: "y", index: 2, schema: { type: T.SCHEMA_TYPE_FLOAT32 } },
    ],
  });

  // Each expected text is Java's toString of the Connect value, which is what Connect's StringConverter writes.
  it.each<[string, Schema | undefined, Value, string]>([
    ["a string", undefined, str("zażółć"), "zażółć"],
    [
      "an int64",
      Schema.fromPartial({ type: T.SCHEMA_TYPE_INT64 }),
      int(-9_223_372_036_854_775_808n),
      "-9223372036854775808",
    ],
    ["a whole double", undefined, { kind: { $case: "floatValue", value: 2 } }, "2.0"],
    [
      "a float",
      Schema.fromPartial({ type: T.SCHEMA_TYPE_FLOAT32 }),
      { kind: { $case: "floatValue", value: Math.fround(0.1) } },
      "0.1",
    ],
    ["a boolean", undefined, { kind: { $case: "boolValue", value: true } }, "true"],
    [
      "a Decimal, as BigDecimal prints it",
      LogicalDecimal.schema(3),
      LogicalDecimal.toValue("-12.5", 3),
      "-12.500",
    ],
    [
      "a Date, as java.util.Date prints it in UTC",
      LogicalDate.schema(),
      LogicalDate.toValue(new Date("2026-11-25T00:00:00Z")),
      "Wed Nov 25 00:00:00 UTC 2026",
    ],
    [
      "a Timestamp",
      LogicalTimestamp.schema(),
      LogicalTimestamp.toValue(new Date("1970-01-01T00:00:00Z")),
      "Thu Jan 01 00:00:00 UTC 1970",
    ],
    [
      "bytes, as base64 rather than Java's identity hash",
      undefined,
      { kind: { $case: "bytesValue", value: Buffer.from("hi") } },
      "aGk=",
    ],
    [
      "an array",
      undefined,
      { kind: { $case: "arrayValue", value: { elements: [int(1), NULL, str("x")] } } },
      "[1, null, x]",
    ],
    [
      "a map",
      undefined,
      {
        kind: {
          $case: "mapValue",
          value: {
            entries: [
              { key: str("a"), value: int(1) },
              { key: str("b"), value: int(2) },
            ],
          },
        },
      },
      "{a=1, b=2}",
    ],
    [
      "a struct, leaving out null fields",
      point,
      {
        kind: {
          $case: "structValue",
          value: {
            fields: [
              { name: "x", value: int(1) },
              { name: "label", value: NULL },
              { name: "y", value: { kind: { $case: "floatValue", value: 2.5 } } },
            ],
          },
        },
      },
      "Struct{x=1,y=2.5}",
    ],
  ])("prints %s as Connect does", (_what, schema, value, expected) => {
    expect(utf8.fromConnectData("t", schema, value)?.toString("utf8")).toBe(expected);
  });

  it.each([
    ["no value at all", undefined],
    ["an explicit null", NULL],
  ])("writes null bytes for %s, even with a schema", (_what, value) => {
    expect(utf8.fromConnectData("t", OPTIONAL_STRING, value)).toBeNull();
  });

  it("encodes with converter.encoding", () => {
    const latin1 = new StringConverter({ "converter.encoding": "ISO-8859-1" });
    expect([...(latin1.fromConnectData("t", undefined, str("é€")) ?? [])]).toEqual([0xe9, 0x3f]);
  });

  it("names the topic when a value cannot be printed", () => {
    const badScale = Schema.fromPartial({ type: T.SCHEMA_TYPE_BYTES, name: LogicalDecimal.name });
    const print = () =>
      utf8.fromConnectData("prices", badScale, { kind: { $case: "bytesValue", value: Buffer.from([1]) } });
    expect(print).toThrow(DataError);
    expect(print).toThrow(/StringConverter could not print the value for topic "prices"/);
  });
});

describe("StringConverter.toConnectData", () => {
  it.each<[string, Buffer | null, Value | undefined]>([
    ["text", Buffer.from("zażółć", "utf8"), str("zażółć")],
    ["empty bytes as an empty string", Buffer.alloc(0), str("")],
    ["null bytes as a null value", null, undefined],
  ])("reads %s with an optional STRING schema", (_what, bytes, value) => {
    expect(utf8.toConnectData("t", bytes)).toEqual({ schema: OPTIONAL_STRING, value });
  });

  it("decodes with converter.encoding", () => {
    const utf16 = new StringConverter({ "converter.encoding": "UTF-16LE" });
    expect(utf16.toConnectData("t", Buffer.from([0x68, 0x00, 0x69, 0x00])).value).toEqual(str("hi"));
  });
});

describe("new StringConverter", () => {
  it("reports the canonical name of its encoding", () => {
    expect(new StringConverter({ "converter.encoding": "utf8" }).encoding).toBe("UTF-8");
  });

  it("refuses an encoding it does not support", () => {
    expect(() => new StringConverter({ "converter.encoding": "Shift_JIS" })).toThrow(ConverterConfigError);
  });
});

describe("StringConverter as a header converter", () => {
  it("writes a header value as it writes a record value, and reads it back as an optional STRING", () => {
    const bytes = utf8.fromConnectHeader(
      "t",
      "h",
      Schema.fromPartial({ type: T.SCHEMA_TYPE_INT32 }),
      int(42),
    );
    expect(bytes?.toString("utf8")).toBe("42");
    expect(utf8.toConnectHeader("t", "h", bytes)).toEqual({ schema: OPTIONAL_STRING, value: str("42") });
    expect(utf8.fromConnectHeader("t", "h", OPTIONAL_STRING, NULL)).toBeNull();
    expect(utf8.toConnectHeader("t", "h", null)).toEqual({ schema: OPTIONAL_STRING, value: undefined });
  });

  it("prints bytes as base64, where Connect would print an identity hash like [B@1b6d3586", () => {
    const raw: Value = { kind: { $case: "bytesValue", value: Buffer.from("foo") } };
    expect(utf8.fromConnectHeader("t", "h", undefined, raw)?.toString("utf8")).toBe("Zm9v");
  });

  it("names the header when its value cannot be printed", () => {
    const badScale = Schema.fromPartial({ type: T.SCHEMA_TYPE_BYTES, name: LogicalDecimal.name });
    const print = () =>
      utf8.fromConnectHeader("prices", "amount", badScale, {
        kind: { $case: "bytesValue", value: Buffer.from([1]) },
      });
    expect(print).toThrow(/StringConverter could not print header "amount" for topic "prices"/);
  });
});
