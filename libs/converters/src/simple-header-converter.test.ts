import { LogicalDate, LogicalDecimal, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { array, int, map, NULL, schemaOf, str } from "../test/data-values.js";
import { SimpleHeaderConverter } from "./simple-header-converter.js";

const T = SchemaType;
const STRING = schemaOf(T.SCHEMA_TYPE_STRING);
const converter = new SimpleHeaderConverter();
const write = (schema: Schema | undefined, value: Value | undefined) =>
  converter.fromConnectHeader("topic", "header", schema, value);
const read = (bytes: Buffer | null) => converter.toConnectHeader("topic", "header", bytes);

describe("SimpleHeaderConverter", () => {
  // Connect's SimpleHeaderConverterTest: each value is written, read back with the same schema, and
  // written again to the same bytes.
  it.each<[string, Schema, Value]>([
    ["a simple string", STRING, str("simple")],
    ["the empty string", STRING, str("")],
    ["a string with quotes", STRING, str('three"blind\\"mice')],
    ["a string with delimiters", STRING, str("string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':")],
    [
      "a map with string keys",
      schemaOf(T.SCHEMA_TYPE_MAP, { keySchema: STRING, valueSchema: STRING }),
      map([str("foo"), str("123")], [str("bar"), str("baz")]),
    ],
    [
      "a map of shorts",
      schemaOf(T.SCHEMA_TYPE_MAP, { keySchema: STRING, valueSchema: { type: T.SCHEMA_TYPE_INT16 } }),
      map([str("foo"), int(12_345)], [str("bar"), int(0)], [str("baz"), int(-4321)]),
    ],
    [
      "a map of ints",
      schemaOf(T.SCHEMA_TYPE_MAP, { keySchema: STRING, valueSchema: { type: T.SCHEMA_TYPE_INT32 } }),
      map([str("foo"), int(1_234_567_890)], [str("bar"), int(0)], [str("baz"), int(-987_654_321)]),
    ],
    [
      "a list of strings",
      schemaOf(T.SCHEMA_TYPE_ARRAY, { elementSchema: STRING }),
      array(str("foo"), str("bar")),
    ],
    [
      "a list of ints",
      schemaOf(T.SCHEMA_TYPE_ARRAY, { elementSchema: { type: T.SCHEMA_TYPE_INT32 } }),
      array(int(1_234_567_890), int(-987_654_321)),
    ],
    ["a Date", LogicalDate.schema(), int(18_131)],
    ["a Timestamp", LogicalTimestamp.schema(), int(1_566_570_894_346)],
    ["a Decimal beyond INT64", LogicalDecimal.schema(0), LogicalDecimal.toValue("9223372036854775808", 0)],
  ])("round-trips %s", (_what, schema, value) => {
    const bytes = write(schema, value);
    expect(read(bytes)).toEqual({ schema, value });
    expect(write(schema, value)).toEqual(bytes);
  });

  it.each<[string, Schema | undefined, Value, string]>([
    ["an int, as its digits", schemaOf(T.SCHEMA_TYPE_INT32), int(42), "42"],
    ["a string map, quoted", undefined, map([str("a"), str("b")]), '{"a":"b"}'],
    [
      "a Timestamp, in ISO 8601",
      LogicalTimestamp.schema(),
      int(1_566_570_894_346),
      "2019-08-23T14:34:54.346Z",
    ],
  ])("writes %s as UTF-8 text", (_what, schema, value, expected) => {
    expect(write(schema, value)?.toString("utf8")).toBe(expected);
  });

  it("infers what a plain header holds", () => {
    expect(read(Buffer.from("42"))).toEqual({ schema: schemaOf(T.SCHEMA_TYPE_INT8), value: int(42) });
    expect(read(Buffer.from("ok"))).toEqual({ schema: STRING, value: str("ok") });
  });

  it("reads a string with quotes and other delimiters as itself", () => {
    const text = 'string with "quotes": {[,]}';
    expect(read(Buffer.from(text))).toEqual({ schema: STRING, value: str(text) });
  });

  it.each([
    ["no value", undefined],
    ["an explicit null", NULL],
  ])("writes no bytes for %s, and reads no bytes as no value", (_what, value) => {
    expect(write(STRING, value)).toBeNull();
    expect(read(null)).toEqual({ schema: undefined, value: undefined });
  });

  it("reads the text null as no value, as Connect does", () => {
    expect(read(Buffer.from("null"))).toEqual({ schema: undefined, value: undefined });
  });

  it("reads mixed values into maps and arrays with no common schema", () => {
    expect(read(Buffer.from('{"foo":"bar","baz":3456}'))).toEqual({
      schema: schemaOf(T.SCHEMA_TYPE_MAP, { keySchema: STRING }),
      value: map([str("foo"), str("bar")], [str("baz"), int(3456)]),
    });
    expect(read(Buffer.from('["foo",13344]'))).toEqual({
      schema: schemaOf(T.SCHEMA_TYPE_ARRAY),
      value: array(str("foo"), int(13_344)),
    });
  });

  it("decodes bytes that are not UTF-8 with replacement characters, as Java's String does", () => {
    expect(read(Buffer.from([0x61, 0xff, 0x62]))).toEqual({ schema: STRING, value: str("a\ufffdb") });
  });

  it("keeps text nested too deeply to parse as its bytes, as Connect does when its parser overflows", () => {
    const bytes = Buffer.from("[".repeat(2000));
    expect(read(bytes)).toEqual({
      schema: schemaOf(T.SCHEMA_TYPE_BYTES),
      value: { kind: { $case: "bytesValue", value: bytes } },
    });
  });
});
