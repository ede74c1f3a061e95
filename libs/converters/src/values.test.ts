import { DataError, LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { array, bool, bytes, float, int, map, NULL, schemaOf, str, struct } from "../test/data-values.js";
import type { SchemaAndValue } from "./converter.js";
import { Values } from "./values.js";

const T = SchemaType;
const INT8 = schemaOf(T.SCHEMA_TYPE_INT8);
const INT16 = schemaOf(T.SCHEMA_TYPE_INT16);
const INT32 = schemaOf(T.SCHEMA_TYPE_INT32);
const INT64 = schemaOf(T.SCHEMA_TYPE_INT64);
const FLOAT32 = schemaOf(T.SCHEMA_TYPE_FLOAT32);
const FLOAT64 = schemaOf(T.SCHEMA_TYPE_FLOAT64);
const BOOLEAN = schemaOf(T.SCHEMA_TYPE_BOOLEAN);
const STRING = schemaOf(T.SCHEMA_TYPE_STRING);
const arrayOf = (elementSchema?: Schema): Schema => schemaOf(T.SCHEMA_TYPE_ARRAY, { elementSchema });
const mapOf = (keySchema?: Schema, valueSchema?: Schema): Schema =>
  schemaOf(T.SCHEMA_TYPE_MAP, { keySchema, valueSchema });
const decimalOf = (scale: number): Schema =>
  schemaOf(T.SCHEMA_TYPE_BYTES, {
    name: LogicalDecimal.name,
    version: 1,
    parameters: { scale: String(scale) },
  });
const stringResult = (text: string): SchemaAndValue => ({ schema: STRING, value: str(text) });
const ms = (iso: string): bigint => BigInt(Date.parse(iso));

describe("Values.parseString", () => {
  // Each row is what Connect's Values.parseString gives for the same text (its ValuesTest and
  // SimpleHeaderConverterTest, and its source where the tests are silent).
  it.each<[string, string, SchemaAndValue]>([
    ["the empty string", "", stringResult("")],
    ["null", "null", { schema: undefined, value: undefined }],
    ["null with whitespace around", "\n \t \t\nnull\n \t \t\n", { schema: undefined, value: undefined }],
    ["true with whitespace around", " \ttrue\n", { schema: BOOLEAN, value: bool(true) }],
    ["false", "false", { schema: BOOLEAN, value: bool(false) }],
    ["a literal followed by more, as a string", "true}", stringResult("true}")],
    ["a string starting with null", "null=", stringResult("null=")],
    ["whitespace only, as itself", "  ", stringResult("  ")],
    ["text, whole and untrimmed", " simple string ", stringResult(" simple string ")],
    ["the largest INT8", "127", { schema: INT8, value: int(127) }],
    ["the smallest INT8", "-128", { schema: INT8, value: int(-128) }],
    ["a plus sign", "+5", { schema: INT8, value: int(5) }],
    ["just past INT8, as INT16", "128", { schema: INT16, value: int(128) }],
    ["the largest INT16", "32767", { schema: INT16, value: int(32_767) }],
    ["the largest INT32", "2147483647", { schema: INT32, value: int(2_147_483_647) }],
    ["the smallest INT32", "-2147483648", { schema: INT32, value: int(-2_147_483_648) }],
    ["the largest INT64", "9223372036854775807", { schema: INT64, value: int(9_223_372_036_854_775_807n) }],
    ["a whole number with a fraction of zeros, as an integer", "1.0", { schema: INT8, value: int(1) }],
    ["300.0", "300.0", { schema: INT16, value: int(300) }],
    ["66000.0", "66000.0", { schema: INT32, value: int(66_000) }],
    ["an exponent that makes a whole number", "5e2", { schema: INT16, value: int(500) }],
    ["zero with any exponent", "0e-999999", { schema: INT8, value: int(0) }],
    ["a fraction, as a FLOAT32", "1.1", { schema: FLOAT32, value: float(Math.fround(1.1)) }],
    ["300.01", "300.01", { schema: FLOAT32, value: float(Math.fround(300.01)) }],
    [
      "a fraction a float cannot hold, rounded as Connect rounds it",
      "66000.0008",
      { schema: FLOAT32, value: float(66_000) },
    ],
    ["Float.MAX_VALUE", "3.4028235E38", { schema: FLOAT32, value: float(Math.fround(3.4028235e38)) }],
    ["a leading point after a sign", "-.5", { schema: FLOAT32, value: float(-0.5) }],
    ["a large exponent, as a FLOAT32", "1e30", { schema: FLOAT32, value: float(Math.fround(1e30)) }],
    ["Double.MAX_VALUE", "1.7976931348623157E308", { schema: FLOAT64, value: float(1.7976931348623157e308) }],
    [
      "a whole number beyond INT64, as a Decimal of scale 0",
      "9223372036854775808",
      { schema: decimalOf(0), value: LogicalDecimal.toValue("9223372036854775808", 0) },
    ],
    [
      "a number beyond double range, as a Decimal of negative scale",
      "1.5e400",
      { schema: decimalOf(-399), value: LogicalDecimal.toValue("15", 0) },
    ],
    ["Arabic-Indic digits, which Java reads", "٣٠٠", { schema: INT16, value: int(300) }],
    ["a number followed by more tokens, as the number alone", "12:30", { schema: INT8, value: int(12) }],
    ["a number with a space inside, as a string", "1 2", stringResult("1 2")],
    ["a hexadecimal number, as a string", "0x10", stringResult("0x10")],
    ["a date", "2019-08-23", { schema: LogicalDate.schema(), value: int(18_131) }],
    ["a time", "14:34:54.346Z", { schema: LogicalTime.schema(), value: int(52_494_346) }],
    [
      "a timestamp",
      "2019-08-23T14:34:54.346Z",
      { schema: LogicalTimestamp.schema(), value: int(ms("2019-08-23T14:34:54.346Z")) },
    ],
    [
      "a timestamp with escaped colons",
      "2019-08-23T14\\:34\\:54.346Z",
      { schema: LogicalTimestamp.schema(), value: int(ms("2019-08-23T14:34:54.346Z")) },
    ],
    [
      "a time with escaped colons",
      "14\\:34\\:54.346Z",
      { schema: LogicalTime.schema(), value: int(52_494_346) },
    ],
    [
      "a date with a month past December, rolled over",
      "2019-13-01",
      { schema: LogicalDate.schema(), value: int(18_262) },
    ],
    ["a time without milliseconds, as its hour", "10:30:00", { schema: INT8, value: int(10) }],
    [
      "an array of booleans",
      "[true, false]",
      { schema: arrayOf(BOOLEAN), value: array(bool(true), bool(false)) },
    ],
    ["the empty array", "[]", { schema: arrayOf(), value: array() }],
    ["an array of nulls", "[null]", { schema: arrayOf(), value: array(NULL) }],
    [
      "an array of numbers, widened to the widest",
      "[1, 2, 32768]",
      { schema: arrayOf(INT32), value: array(int(1), int(2), int(32_768)) },
    ],
    [
      "integers and a float, as FLOAT32",
      "[1, 2, 3.4028235E38]",
      { schema: arrayOf(FLOAT32), value: array(float(1), float(2), float(Math.fround(3.4028235e38))) },
    ],
    [
      "an array of mixed types, with no element schema",
      '[1, 2, 300, "four"]',
      { schema: arrayOf(), value: array(int(1), int(2), int(300), str("four")) },
    ],
    [
      "an array of dates",
      "[2019-08-23]",
      { schema: arrayOf(LogicalDate.schema()), value: array(int(18_131)) },
    ],
    [
      "an array of timestamps",
      "[2019-08-23T14:34:54.346Z,2019-01-23T15:12:34.567Z,   2019-04-23T19:12:34.567Z]",
      {
        schema: arrayOf(LogicalTimestamp.schema()),
        value: array(
          int(ms("2019-08-23T14:34:54.346Z")),
          int(ms("2019-01-23T15:12:34.567Z")),
          int(ms("2019-04-23T19:12:34.567Z")),
        ),
      },
    ],
    [
      "a number and a date, the number taken as days",
      "[1, 2019-08-23]",
      { schema: arrayOf(LogicalDate.schema()), value: array(int(1), int(18_131)) },
    ],
    [
      "a date and a timestamp, as timestamps",
      "[2019-08-23, 2019-08-23T14:34:54.346Z]",
      {
        schema: arrayOf(LogicalTimestamp.schema()),
        value: array(int(ms("2019-08-23T00:00:00Z")), int(ms("2019-08-23T14:34:54.346Z"))),
      },
    ],
    [
      "a quoted string, unescaped only of its quotes",
      '["a\\"b", "1.0"]',
      { schema: arrayOf(STRING), value: array(str('a\\"b'), str("1.0")) },
    ],
    [
      "Decimals beyond INT64 beside other types",
      '["1.0", 9223372036854775808, -9223372036854775809, 1, 1]',
      {
        schema: arrayOf(),
        value: array(
          str("1.0"),
          LogicalDecimal.toValue("9223372036854775808", 0),
          LogicalDecimal.toValue("-9223372036854775809", 0),
          int(1),
          int(1),
        ),
      },
    ],
    [
      "an array of arrays, with the last inner array's schema",
      '[[1], ["a"]]',
      { schema: arrayOf(arrayOf(STRING)), value: array(array(int(1)), array(str("a"))) },
    ],
    ["an array of maps", "[{}]", { schema: arrayOf(mapOf()), value: array(map()) }],
    [
      "a map of strings",
      '{"foo":"123","bar":"baz"}',
      { schema: mapOf(STRING, STRING), value: map([str("foo"), str("123")], [str("bar"), str("baz")]) },
    ],
    [
      "a map with whitespace and line breaks",
      '{ "foo" : "123", \n"bar" : "baz" } ',
      { schema: mapOf(STRING, STRING), value: map([str("foo"), str("123")], [str("bar"), str("baz")]) },
    ],
    [
      "a map of shorts",
      ' { "foo" :  12345 , "bar" : 0,  "baz" : -4321 }  ',
      {
        schema: mapOf(STRING, INT16),
        value: map([str("foo"), int(12_345)], [str("bar"), int(0)], [str("baz"), int(-4321)]),
      },
    ],
    [
      "a map of booleans",
      "{true: false, false: true}",
      { schema: mapOf(BOOLEAN, BOOLEAN), value: map([bool(true), bool(false)], [bool(false), bool(true)]) },
    ],
    ["a map with a null value", "{3: null}", { schema: mapOf(INT8), value: map([int(3), NULL]) }],
    ["the empty map", "{}", { schema: mapOf(), value: map() }],
    [
      "a map with keys of mixed types, with neither schema",
      '{1:1, 300:300, "four":1}',
      { schema: mapOf(), value: map([int(1), int(1)], [int(300), int(300)], [str("four"), int(1)]) },
    ],
    [
      "a map with values of mixed types, with only a key schema",
      '{1:1, 300:"four"}',
      { schema: mapOf(INT16), value: map([int(1), int(1)], [int(300), str("four")]) },
    ],
    [
      "a repeated key, keeping its first place and last value",
      '{"a":1, "b":2, "a":3}',
      { schema: mapOf(STRING, INT8), value: map([str("a"), int(3)], [str("b"), int(2)]) },
    ],
    [
      "a key repeated as a different text of the same number",
      '{1: "a", 1.0: "b"}',
      { schema: mapOf(INT8, STRING), value: map([int(1), str("b")]) },
    ],
    [
      "a date and a timestamp of the same instant, one key as in Java",
      "{2019-08-23: 1, 2019-08-23T00:00:00.000Z: 2}",
      {
        schema: mapOf(LogicalTimestamp.schema(), INT8),
        value: map([int(ms("2019-08-23T00:00:00Z")), int(2)]),
      },
    ],
    [
      "a quoted time in a map",
      '{"k1":"14:34:54.346Z"}',
      { schema: mapOf(STRING, LogicalTime.schema()), value: map([str("k1"), int(52_494_346)]) },
    ],
    [
      "an unquoted time in a map",
      '{"k1":14:34:54.346Z}',
      { schema: mapOf(STRING, LogicalTime.schema()), value: map([str("k1"), int(52_494_346)]) },
    ],
    [
      "an array followed by more, as the array alone",
      "[1]x",
      { schema: arrayOf(INT8), value: array(int(1)) },
    ],
  ])("reads %s", (_what, text, expected) => {
    expect(Values.parseString(text)).toEqual(expected);
  });

  it.each([
    ["unquoted map keys", "{foo: 3}"],
    ["unquoted map values", "{3: foo}"],
    ["unquoted array elements", "[foo]"],
    ["a map without commas", "{6:9 4:20}"],
    ["an array without commas", "[0 1 2]"],
    ["a null map key", "{null: 3}"],
    ["an array with empty elements", "[1, 2, 3,,,]"],
    ["an array with a null after a number", "[1, null]"],
    ["an array with a null before a number", "[null, 1]"],
    ["a map with a null value beside a number", "{1: null, 2: 3}"],
    ["an unterminated array", "[1, 2"],
    ["an unterminated map", '{"a": 1'],
    ["an array of arrays with a bad inner array", "[[foo]]"],
    ["a date and a number beyond INT32, which cannot share an INT64", "[2019-08-23, 100000000000]"],
    ["a time and an INT32, which cannot share an INT32", "[14:34:54.346Z, 100000000]"],
    ["a number out of a Time's range before a time", "[100000000, 14:34:54.346Z]"],
  ])("reads %s as the whole text, a string, as Connect does", (_what, text) => {
    expect(Values.parseString(text)).toEqual(stringResult(text));
  });

  // Connect keeps these as arrays whose elements no converter can write later (a time of day under a Date
  // schema; a midnight far from 1970 as a Time); they stay strings here instead.
  it.each([
    ["a time before a date", "[14:34:54.346Z, 2019-08-23]"],
    ["a date before a time", "[2019-08-23, 14:34:54.346Z]"],
  ])("reads %s as a string, where Connect keeps values it cannot write", (_what, text) => {
    expect(Values.parseString(text)).toEqual(stringResult(text));
  });

  it("refuses arrays nested more than 1000 deep with a DataError", () => {
    expect(() => Values.parseString(`${"[".repeat(1001)}${"]".repeat(1001)}`)).toThrow(DataError);
    expect(Values.parseString(`${"[".repeat(1000)}${"]".repeat(1000)}`).schema?.type).toBe(
      T.SCHEMA_TYPE_ARRAY,
    );
  });
});

describe("Values.convertToString", () => {
  const person = schemaOf(T.SCHEMA_TYPE_STRUCT, {
    fields: [
      { name: "id", index: 0, schema: INT32 },
      { name: "name", index: 1, schema: { type: T.SCHEMA_TYPE_STRING, optional: true } },
      { name: "n", index: 2, schema: { type: T.SCHEMA_TYPE_INT8, optional: true, defaultValue: int(7) } },
    ],
  });

  // Each expected text is what Connect's Values.convertToString gives for the same Connect value.
  it.each<[string, Schema | undefined, Value, string]>([
    ["a string, as itself", STRING, str('three"blind\\"mice'), 'three"blind\\"mice'],
    ["an INT8", INT8, int(-12), "-12"],
    ["an INT64", INT64, int(9_223_372_036_854_775_807n), "9223372036854775807"],
    ["a FLOAT32", FLOAT32, float(Math.fround(1.1)), "1.1"],
    ["a whole FLOAT64", FLOAT64, float(1), "1.0"],
    ["a large FLOAT64", FLOAT64, float(1e21), "1.0E21"],
    ["a schemaless float, as a double", undefined, float(0.1), "0.1"],
    ["a boolean", BOOLEAN, bool(false), "false"],
    ["bytes, as base64", schemaOf(T.SCHEMA_TYPE_BYTES), bytes(0x66, 0x6f, 0x6f), "Zm9v"],
    ["a Decimal", LogicalDecimal.schema(2), LogicalDecimal.toValue("-1.50", 2), "-1.50"],
    ["a Decimal of negative scale", decimalOf(-399), LogicalDecimal.toValue("15", 0), "1.5E+400"],
    ["a Date", LogicalDate.schema(), int(18_131), "2019-08-23"],
    ["a Time", LogicalTime.schema(), int(52_494_346), "14:34:54.346Z"],
    [
      "a Timestamp",
      LogicalTimestamp.schema(),
      int(ms("2019-08-23T14:34:54.346Z")),
      "2019-08-23T14:34:54.346Z",
    ],
    [
      "a Timestamp at midnight, as a date",
      LogicalTimestamp.schema(),
      int(ms("2019-08-23T00:00:00Z")),
      "2019-08-23",
    ],
    ["a Timestamp in the first day, as a time", LogicalTimestamp.schema(), int(1000), "00:00:01.000Z"],
    ["a Date before 1970, as a time", LogicalDate.schema(), int(-1), "00:00:00.000Z"],
    [
      "an array of strings, quoted and escaped",
      arrayOf(STRING),
      array(str("foo"), str('a"b\\c'), NULL),
      '["foo","a\\"b\\\\c",null]',
    ],
    ["an array of dates", arrayOf(LogicalDate.schema()), array(int(18_131)), "[2019-08-23]"],
    ["an array of bytes", arrayOf(schemaOf(T.SCHEMA_TYPE_BYTES)), array(bytes(1, 2)), '["AQI="]'],
    [
      "a map",
      mapOf(STRING, INT32),
      map([str("foo"), int(1_234_567_890)], [str("bar"), int(0)]),
      '{"foo":1234567890,"bar":0}',
    ],
    ["a map with int keys", mapOf(INT8, BOOLEAN), map([int(1), bool(true)]), "{1:true}"],
    [
      "a struct, with every field and defaults for nulls",
      person,
      struct({ id: int(1), name: NULL }),
      '{"id":1,"name":null,"n":7}',
    ],
  ])("writes %s as Connect does", (_what, schema, value, expected) => {
    expect(Values.convertToString(schema, value)).toBe(expected);
  });

  it("writes nothing for a null value", () => {
    expect(Values.convertToString(STRING, NULL)).toBeNull();
    expect(Values.convertToString(undefined, undefined)).toBeNull();
  });

  it.each<[string, Schema, Value]>([
    ["a map of strings", mapOf(STRING, STRING), map([str("foo"), str("123")], [str("bar"), str("baz")])],
    ["a map of shorts", mapOf(STRING, INT16), map([str("foo"), int(12_345)], [str("baz"), int(-4321)])],
    ["a list of ints", arrayOf(INT32), array(int(1_234_567_890), int(-987_654_321))],
    ["a list of strings", arrayOf(STRING), array(str("foo"), str("bar"))],
    ["a list of timestamps", arrayOf(LogicalTimestamp.schema()), array(int(ms("2019-08-23T14:34:54.346Z")))],
    ["a string with delimiters", STRING, str("string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':")],
    ["the string null as a map value", mapOf(STRING, STRING), map([str("k"), str("null")])],
  ])("writes %s so that parseString reads it back as it was", (_what, schema, value) => {
    const text = Values.convertToString(schema, value) ?? "";
    expect(Values.parseString(text)).toEqual({ schema, value });
  });
});
