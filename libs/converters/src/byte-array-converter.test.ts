import { DataError, LogicalDecimal } from "@connect-mesh/data";
import { NullValue, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { ByteArrayConverter } from "./byte-array-converter.js";

const T = SchemaType;
const converter = new ByteArrayConverter();
const raw = Buffer.from([0, 1, 255]);
const OPTIONAL_BYTES = Schema.fromPartial({ type: T.SCHEMA_TYPE_BYTES, optional: true });

describe("ByteArrayConverter.fromConnectData", () => {
  it.each<[string, Schema | undefined]>([
    ["no schema", undefined],
    ["a BYTES schema", Schema.fromPartial({ type: T.SCHEMA_TYPE_BYTES })],
    ["a Decimal schema, whose type is BYTES", LogicalDecimal.schema(2)],
  ])("passes bytes through untouched with %s", (_what, schema) => {
    expect(converter.fromConnectData("t", schema, { kind: { $case: "bytesValue", value: raw } })).toBe(raw);
  });

  it.each<[string, Value | undefined]>([
    ["no value", undefined],
    ["an explicit null", { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } }],
  ])("writes null bytes for %s", (_what, value) => {
    expect(converter.fromConnectData("t", OPTIONAL_BYTES, value)).toBeNull();
  });

  it.each<[string, Schema | undefined, Value, RegExp]>([
    [
      "a STRING schema",
      Schema.fromPartial({ type: T.SCHEMA_TYPE_STRING }),
      { kind: { $case: "bytesValue", value: raw } },
      /cannot write a STRING schema for topic "t"/,
    ],
    [
      "a string value",
      undefined,
      { kind: { $case: "stringValue", value: "x" } },
      /cannot write a stringValue for topic "t"; it only takes bytesValue/,
    ],
  ])("refuses %s with a DataError", (_what, schema, value, message) => {
    expect(() => converter.fromConnectData("t", schema, value)).toThrow(DataError);
    expect(() => converter.fromConnectData("t", schema, value)).toThrow(message);
  });
});

describe("ByteArrayConverter.toConnectData", () => {
  it.each<[string, Buffer | null, Value | undefined]>([
    ["bytes", raw, { kind: { $case: "bytesValue", value: raw } }],
    ["null bytes as a null value", null, undefined],
  ])("reads %s with an optional BYTES schema", (_what, bytes, value) => {
    expect(converter.toConnectData("t", bytes)).toEqual({ schema: OPTIONAL_BYTES, value });
  });
});

describe("ByteArrayConverter as a header converter", () => {
  it("passes header bytes through both ways", () => {
    expect(
      converter.fromConnectHeader("t", "h", undefined, { kind: { $case: "bytesValue", value: raw } }),
    ).toBe(raw);
    expect(converter.toConnectHeader("t", "h", raw)).toEqual({
      schema: OPTIONAL_BYTES,
      value: { kind: { $case: "bytesValue", value: raw } },
    });
  });

  it("names the header when its value is not bytes", () => {
    expect(() =>
      converter.fromConnectHeader("t", "trace", undefined, { kind: { $case: "stringValue", value: "x" } }),
    ).toThrow(/cannot write a stringValue for header "trace" on topic "t"/);
  });
});
