import { DataError, LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { array, bool, bytes, float, int, map, NULL, schemaOf, str, struct } from "../test/data-values.js";
import type { ConverterConfig, SchemaAndValue } from "./converter.js";
import { JsonConverter } from "./json-converter.js";

const T = SchemaType;

const person = schemaOf(T.SCHEMA_TYPE_STRUCT, {
  name: "Person",
  fields: [
    { name: "id", index: 0, schema: { type: T.SCHEMA_TYPE_INT32 } },
    { name: "name", index: 1, schema: { type: T.SCHEMA_TYPE_STRING, optional: true } },
  ],
});
/** Connect's JSON for `person`. */
const PERSON_JSON =
  '{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"Person"}';
const stringToInt = schemaOf(T.SCHEMA_TYPE_MAP, {
  keySchema: { type: T.SCHEMA_TYPE_STRING },
  valueSchema: { type: T.SCHEMA_TYPE_INT32 },
});
const intToInt = schemaOf(T.SCHEMA_TYPE_MAP, {
  keySchema: { type: T.SCHEMA_TYPE_INT32 },
  valueSchema: { type: T.SCHEMA_TYPE_INT32 },
});
const intArray = schemaOf(T.SCHEMA_TYPE_ARRAY, { elementSchema: { type: T.SCHEMA_TYPE_INT32 } });

const withSchemas = new JsonConverter();
const withoutSchemas = new JsonConverter({ "schemas.enable": "false" });
const text = (buffer: Buffer | null): string | null => (buffer === null ? null : buffer.toString("utf8"));
const json = (s: string): Buffer => Buffer.from(s, "utf8");

// Each expected text is what Connect's JsonConverter (Kafka 3.9) writes for the same schema and value.
const connectOutput: [string, Schema | undefined, Value, string][] = [
  [
    "a boolean",
    schemaOf(T.SCHEMA_TYPE_BOOLEAN),
    bool(true),
    '{"schema":{"type":"boolean","optional":false},"payload":true}',
  ],
  [
    "an int8",
    schemaOf(T.SCHEMA_TYPE_INT8),
    int(12),
    '{"schema":{"type":"int8","optional":false},"payload":12}',
  ],
  [
    "an int16",
    schemaOf(T.SCHEMA_TYPE_INT16),
    int(-12),
    '{"schema":{"type":"int16","optional":false},"payload":-12}',
  ],
  [
    "an int32",
    schemaOf(T.SCHEMA_TYPE_INT32),
    int(12),
    '{"schema":{"type":"int32","optional":false},"payload":12}',
  ],
  [
    "the largest int64",
    schemaOf(T.SCHEMA_TYPE_INT64),
    int(9_223_372_036_854_775_807n),
    '{"schema":{"type":"int64","optional":false},"payload":9223372036854775807}',
  ],
  [
    "a float",
    schemaOf(T.SCHEMA_TYPE_FLOAT32),
    float(Math.fround(12.34)),
    '{"schema":{"type":"float","optional":false},"payload":12.34}',
  ],
  [
    "a double",
    schemaOf(T.SCHEMA_TYPE_FLOAT64),
    float(12.34),
    '{"schema":{"type":"double","optional":false},"payload":12.34}',
  ],
  [
    "a whole double, with Java's trailing .0",
    schemaOf(T.SCHEMA_TYPE_FLOAT64),
    float(1),
    '{"schema":{"type":"double","optional":false},"payload":1.0}',
  ],
  [
    "a NaN double, as a string",
    schemaOf(T.SCHEMA_TYPE_FLOAT64),
    float(Number.NaN),
    '{"schema":{"type":"double","optional":false},"payload":"NaN"}',
  ],
  [
    "a string",
    schemaOf(T.SCHEMA_TYPE_STRING),
    str("foo-bar-baz"),
    '{"schema":{"type":"string","optional":false},"payload":"foo-bar-baz"}',
  ],
  [
    "bytes, as base64",
    schemaOf(T.SCHEMA_TYPE_BYTES),
    bytes(0x66, 0x6f, 0x6f),
    '{"schema":{"type":"bytes","optional":false},"payload":"Zm9v"}',
  ],
  [
    "an array",
    intArray,
    array(int(1), int(2), int(3)),
    '{"schema":{"type":"array","items":{"type":"int32","optional":false},"optional":false},"payload":[1,2,3]}',
  ],
  [
    "a map with string keys, as an object",
    stringToInt,
    map([str("key1"), int(12)], [str("key2"), int(15)]),
    '{"schema":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":{"key1":12,"key2":15}}',
  ],
  [
    "a map with int keys, as [key, value] pairs",
    intToInt,
    map([int(1), int(12)], [int(2), int(15)]),
    '{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":[[1,12],[2,15]]}',
  ],
  [
    "a struct",
    person,
    struct({ id: int(1), name: str("ada") }),
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"Person"},"payload":{"id":1,"name":"ada"}}',
  ],
  [
    "a struct with a null optional field",
    person,
    struct({ id: int(1), name: NULL }),
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"Person"},"payload":{"id":1,"name":null}}',
  ],
  [
    "a Decimal, as base64 of its unscaled bytes",
    LogicalDecimal.schema(2),
    LogicalDecimal.toValue("1.56", 2),
    '{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"AJw="}',
  ],
  [
    "a Date",
    LogicalDate.schema(),
    LogicalDate.toValue(new Date("1997-05-19T00:00:00Z")),
    '{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1},"payload":10000}',
  ],
  [
    "a Time",
    LogicalTime.schema(),
    LogicalTime.toValue(new Date("1970-01-01T00:00:14.400Z")),
    '{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1},"payload":14400}',
  ],
  [
    "a Timestamp",
    LogicalTimestamp.schema(),
    LogicalTimestamp.toValue(new Date("2001-09-09T01:46:40.000Z")),
    '{"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":1000000000000}',
  ],
  [
    "a schema with a version, doc and parameters",
    schemaOf(T.SCHEMA_TYPE_STRING, {
      name: "Greeting",
      version: 2,
      doc: "says hi",
      parameters: { lang: "en" },
    }),
    str("hi"),
    '{"schema":{"type":"string","optional":false,"name":"Greeting","version":2,"doc":"says hi","parameters":{"lang":"en"}},"payload":"hi"}',
  ],
  [
    "a null with an optional schema",
    schemaOf(T.SCHEMA_TYPE_STRING, { optional: true }),
    NULL,
    '{"schema":{"type":"string","optional":true},"payload":null}',
  ],
  [
    "a null whose schema has a default",
    schemaOf(T.SCHEMA_TYPE_INT32, { defaultValue: int(42) }),
    NULL,
    '{"schema":{"type":"int32","optional":false,"default":42},"payload":42}',
  ],
  ["a schemaless map", undefined, map([str("a"), int(1)]), '{"schema":null,"payload":{"a":1}}'],
];

describe("JsonConverter.fromConnectData", () => {
  it.each(connectOutput)("writes %s exactly as Connect does", (_what, schema, value, expected) => {
    expect(text(withSchemas.fromConnectData("t", schema, value))).toBe(expected);
  });

  it.each<[string, Schema | undefined, Value, string]>([
    ["a struct", person, struct({ id: int(1), name: str("ada") }), '{"id":1,"name":"ada"}'],
    ["a whole double", schemaOf(T.SCHEMA_TYPE_FLOAT64), float(100), "100.0"],
    ["a large double", schemaOf(T.SCHEMA_TYPE_FLOAT64), float(1e21), "1.0E21"],
    ["a schemaless int", undefined, int(-5), "-5"],
    ["a schemaless array of mixed values", undefined, array(bool(false), NULL, str("x")), '[false,null,"x"]'],
    ["a schemaless map with an int key, as pairs", undefined, map([int(7), str("seven")]), '[[7,"seven"]]'],
    ["a null with an optional schema", schemaOf(T.SCHEMA_TYPE_STRING, { optional: true }), NULL, "null"],
    [
      "text that needs escaping",
      schemaOf(T.SCHEMA_TYPE_STRING),
      str('a "quote"\n and zażółć'),
      '"a \\"quote\\"\\n and zażółć"',
    ],
  ])("writes %s as plain JSON when schemas are disabled", (_what, schema, value, expected) => {
    expect(text(withoutSchemas.fromConnectData("t", schema, value))).toBe(expected);
  });

  it.each([
    ["no value at all", undefined],
    ["a value with no kind", { kind: undefined }],
    ["an explicit null", NULL],
  ])("writes null bytes for %s without a schema, as Connect writes a tombstone", (_what, value) => {
    expect(withSchemas.fromConnectData("t", undefined, value)).toBeNull();
    expect(withoutSchemas.fromConnectData("t", undefined, value)).toBeNull();
  });

  it("writes Decimals as JSON numbers with decimal.format=NUMERIC", () => {
    const converter = new JsonConverter({ "decimal.format": "numeric", "schemas.enable": "false" });
    expect(
      text(converter.fromConnectData("t", LogicalDecimal.schema(2), LogicalDecimal.toValue("-1.50", 2))),
    ).toBe("-1.50");
  });

  it("writes a tiny NUMERIC Decimal in Java's BigDecimal notation", () => {
    const converter = new JsonConverter({ "decimal.format": "NUMERIC", "schemas.enable": "false" });
    expect(
      text(converter.fromConnectData("t", LogicalDecimal.schema(9), LogicalDecimal.toValue("0.00000001", 9))),
    ).toBe("1.0E-8");
  });

  it("keeps a null whose schema has a default when replace.null.with.default is false", () => {
    const converter = new JsonConverter({ "replace.null.with.default": "false" });
    const schema = schemaOf(T.SCHEMA_TYPE_INT32, { optional: true, defaultValue: int(42) });
    expect(text(converter.fromConnectData("t", schema, NULL))).toBe(
      '{"schema":{"type":"int32","optional":true,"default":42},"payload":null}',
    );
  });

  it("fills a struct field the value leaves out with the field's default", () => {
    const schema = schemaOf(T.SCHEMA_TYPE_STRUCT, {
      fields: [{ name: "n", index: 0, schema: { type: T.SCHEMA_TYPE_INT32, defaultValue: int(7) } }],
    });
    expect(text(withoutSchemas.fromConnectData("t", schema, struct({})))).toBe('{"n":7}');
  });

  it.each<[string, Schema | undefined, Value, RegExp]>([
    [
      "a null for a required schema",
      schemaOf(T.SCHEMA_TYPE_INT32),
      NULL,
      /the value is null, but its INT32 schema is required/,
    ],
    [
      "a missing required struct field",
      person,
      struct({ name: str("ada") }),
      /field "id" is null, but its INT32 schema is required/,
    ],
    [
      "a value of the wrong kind",
      schemaOf(T.SCHEMA_TYPE_INT32),
      str("1"),
      /should be intValue for its INT32 schema, not stringValue/,
    ],
    [
      "an int8 that does not fit",
      schemaOf(T.SCHEMA_TYPE_INT8),
      int(300),
      /300, which does not fit its INT8 schema/,
    ],
    [
      "a struct field the schema does not declare",
      person,
      struct({ id: int(1), age: int(3) }),
      /field "age" is set, but the struct's schema has no such field/,
    ],
    ["a struct without a schema", undefined, struct({ id: int(1) }), /struct without a schema/],
    [
      "an array schema with no element schema",
      schemaOf(T.SCHEMA_TYPE_ARRAY),
      array(),
      /ARRAY schema of the value has no elementSchema/,
    ],
    ["a schema with no type", schemaOf(T.SCHEMA_TYPE_UNSPECIFIED), int(1), /invalid schema type/],
  ])("refuses %s with a DataError that names the topic", (_what, schema, value, message) => {
    const write = () => withSchemas.fromConnectData("orders", schema, value);
    expect(write).toThrow(DataError);
    expect(write).toThrow(message);
    expect(write).toThrow(/for topic "orders"/);
  });
});

describe("JsonConverter.toConnectData", () => {
  it.each(connectOutput.filter(([, , value]) => value !== NULL))(
    "reads %s from Connect's JSON",
    (_what, schema, value, connectJson) => {
      expect(withSchemas.toConnectData("t", json(connectJson))).toEqual({ schema, value });
    },
  );

  it.each<[string, string, Value | undefined]>([
    ["an integer, as an int64", "42", int(42)],
    ["an integer beyond 2^53, exactly", "9007199254740993", int(9_007_199_254_740_993n)],
    ["the smallest int64, exactly", "-9223372036854775808", int(-9_223_372_036_854_775_808n)],
    ["an integer with leading zeros, as Jackson allows", "007", int(7)],
    ["a fraction, as a double", "1.5", float(1.5)],
    ["a whole number with a point, as a double", "1.0", float(1)],
    ["an exponent, as a double", "1e3", float(1000)],
    ["a string", '"hi"', str("hi")],
    ["a boolean", "true", bool(true)],
    ["null, as no value", "null", undefined],
    ["empty bytes, as no value", "", undefined],
    ["an array, with explicit nulls inside", "[1,null]", array(int(1), NULL)],
    [
      "an object, as a map with string keys",
      '{"b":1,"a":[true]}',
      map([str("b"), int(1)], [str("a"), array(bool(true))]),
    ],
  ])("infers %s when schemas are disabled", (_what, input, expected) => {
    expect(withoutSchemas.toConnectData("t", json(input))).toEqual({ schema: undefined, value: expected });
  });

  it("reads null bytes as a null value with no schema", () => {
    expect(withSchemas.toConnectData("t", null)).toEqual({ schema: undefined, value: undefined });
  });

  it("reads an envelope with a null schema as a schemaless value", () => {
    expect(withSchemas.toConnectData("t", json('{"schema":null,"payload":{"a":1}}'))).toEqual({
      schema: undefined,
      value: map([str("a"), int(1)]),
    });
  });

  it.each<[string, string, Value]>([
    ["a missing optional field as an explicit null", '{"id":1}', struct({ id: int(1), name: NULL })],
    ["a null optional field as an explicit null", '{"id":1,"name":null}', struct({ id: int(1), name: NULL })],
    [
      "members the schema does not declare by ignoring them",
      '{"id":1,"name":"ada","age":3}',
      struct({ id: int(1), name: str("ada") }),
    ],
    ["fields in the schema's order", '{"name":"ada","id":1}', struct({ id: int(1), name: str("ada") })],
  ])("reads %s", (_what, payload, expected) => {
    const envelope = `{"schema":${PERSON_JSON},"payload":${payload}}`;
    expect(withSchemas.toConnectData("t", json(envelope)).value).toEqual(expected);
  });

  it("gives a missing field its default", () => {
    const envelope =
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":7,"field":"n"}],"optional":false},"payload":{}}';
    expect(withSchemas.toConnectData("t", json(envelope)).value).toEqual(struct({ n: int(7) }));
  });

  it("keeps a null field null when replace.null.with.default is false", () => {
    const converter = new JsonConverter({ "replace.null.with.default": "false" });
    const envelope =
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":true,"default":7,"field":"n"}],"optional":false},"payload":{"n":null}}';
    expect(converter.toConnectData("t", json(envelope)).value).toEqual(struct({ n: NULL }));
  });

  it.each<[string, string, Value]>([
    ["a NUMERIC Decimal", "1.56", LogicalDecimal.toValue("1.56", 2)],
    ["a NUMERIC Decimal with fewer digits than the scale", "2", LogicalDecimal.toValue("2.00", 2)],
    ["a NUMERIC Decimal in exponent notation", "1.5E-1", LogicalDecimal.toValue("0.15", 2)],
    ["a NUMERIC Decimal with zeros past the scale", "1.5000", LogicalDecimal.toValue("1.50", 2)],
    ["a base64 Decimal", '"AJw="', LogicalDecimal.toValue("1.56", 2)],
  ])("reads %s whatever decimal.format says", (_what, payload, expected) => {
    const envelope = `{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":${payload}}`;
    expect(withSchemas.toConnectData("t", json(envelope)).value).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    [
      "a missing required field, naming it",
      '{"name":"ada"}',
      /field "id" is missing from the JSON, but its INT32 schema is required and has no default/,
    ],
    [
      "a null required field, naming it",
      '{"id":null}',
      /field "id" is null, but its INT32 schema is required/,
    ],
    [
      "a string where an int32 belongs",
      '{"id":"1"}',
      /field "id" should be an INT32 \(a whole number\), not the string "1"/,
    ],
    [
      "a fraction where an int32 belongs",
      '{"id":1.5}',
      /field "id" should be an INT32 \(a whole number\), not the number 1.5/,
    ],
    [
      "an int32 that does not fit",
      '{"id":2147483648}',
      /field "id" is 2147483648, which does not fit an INT32/,
    ],
    [
      "a number where a string belongs",
      '{"id":1,"name":5}',
      /field "name" should be a string for its STRING schema, not the number 5/,
    ],
    [
      "an array where the struct belongs",
      "[]",
      /the value should be an object for its STRUCT schema, not an array/,
    ],
  ])("refuses %s", (_what, payload, message) => {
    const envelope = `{"schema":${PERSON_JSON},"payload":${payload}}`;
    const read = () => withSchemas.toConnectData("people", json(envelope));
    expect(read).toThrow(DataError);
    expect(read).toThrow(message);
    expect(read).toThrow(/from topic "people"/);
  });

  it.each<[string, string, RegExp]>([
    [
      "a missing closing brace",
      '{"schema":null,"payload":1',
      /invalid JSON at offset 26: expected ',' or '}' in the object but found the end of the input/,
    ],
    [
      "a single-quoted string",
      "{'a':1}",
      /invalid JSON at offset 1: expected a member name in double quotes/,
    ],
    ["a trailing comma", "[1,]", /invalid JSON at offset 3: expected a value but found "]"/],
    [
      "text after the document",
      '{"schema":null,"payload":1} x',
      /invalid JSON at offset 28: expected the end of the document/,
    ],
    ["a bare word", "hello", /invalid JSON at offset 0: expected a value/],
  ])("refuses malformed JSON (%s) with a DataError that says where", (_what, input, message) => {
    const read = () => withSchemas.toConnectData("t", json(input));
    expect(read).toThrow(DataError);
    expect(read).toThrow(message);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(() => withoutSchemas.toConnectData("t", Buffer.from([0x22, 0xff, 0x22]))).toThrow(
      /not valid UTF-8/,
    );
  });

  it.each([
    ["plain JSON", '{"id":1}'],
    ["an envelope with an extra member", '{"schema":null,"payload":1,"extra":true}'],
    ["a JSON null", "null"],
    ["empty bytes", ""],
  ])("refuses %s with schemas enabled, in Connect's words", (_what, input) => {
    expect(() => withSchemas.toConnectData("t", json(input))).toThrow(
      /requires "schema" and "payload" fields .* set schemas.enable=false/,
    );
  });

  it.each<[string, string, RegExp]>([
    ["an unknown type", '{"type":"int128"}', /has an unknown type "int128"/],
    ["no type", '{"optional":true}', /must contain a "type" string/],
    ["an array without items", '{"type":"array"}', /needs a "items" schema/],
    ["a map without values", '{"type":"map","keys":{"type":"string"}}', /needs a "values" schema/],
    [
      "a struct field without a name",
      '{"type":"struct","fields":[{"type":"int32"}]}',
      /field 0 without a "field" name/,
    ],
    [
      "a parameter that is not a string",
      '{"type":"string","parameters":{"n":1}}',
      /parameter "n" that is not a string/,
    ],
  ])("refuses a JSON schema with %s", (_what, schemaJson, message) => {
    expect(() => withSchemas.toConnectData("t", json(`{"schema":${schemaJson},"payload":null}`))).toThrow(
      message,
    );
  });
});

describe("JsonConverter round trips", () => {
  const nested = schemaOf(T.SCHEMA_TYPE_STRUCT, {
    name: "com.example.Order",
    version: 3,
    doc: "an order",
    fields: [
      { name: "id", index: 0, schema: { type: T.SCHEMA_TYPE_INT64 } },
      { name: "total", index: 1, schema: LogicalDecimal.schema(2) },
      { name: "placed", index: 2, schema: LogicalTimestamp.schema() },
      { name: "day", index: 3, schema: LogicalDate.schema({ optional: true }) },
      { name: "at", index: 4, schema: LogicalTime.schema({ optional: true }) },
      { name: "lines", index: 5, schema: { type: T.SCHEMA_TYPE_ARRAY, elementSchema: person } },
      { name: "tags", index: 6, schema: { ...stringToInt, optional: true } },
      { name: "byId", index: 7, schema: intToInt },
      { name: "flag", index: 8, schema: { type: T.SCHEMA_TYPE_BOOLEAN, defaultValue: bool(true) } },
      { name: "ratio", index: 9, schema: { type: T.SCHEMA_TYPE_FLOAT32 } },
      { name: "score", index: 10, schema: { type: T.SCHEMA_TYPE_FLOAT64 } },
      { name: "raw", index: 11, schema: { type: T.SCHEMA_TYPE_BYTES, optional: true } },
      { name: "small", index: 12, schema: { type: T.SCHEMA_TYPE_INT8 } },
      { name: "medium", index: 13, schema: { type: T.SCHEMA_TYPE_INT16 } },
    ],
  });
  const order = struct({
    id: int(9_223_372_036_854_775_807n),
    total: LogicalDecimal.toValue("-12345678901234567890.99", 2),
    placed: LogicalTimestamp.toValue(new Date("2026-11-25T13:45:07.123Z")),
    day: NULL,
    at: LogicalTime.toValue(new Date("1970-01-01T23:59:59.999Z")),
    lines: array(struct({ id: int(1), name: str("ada") }), struct({ id: int(2), name: NULL })),
    tags: map([str("x"), int(1)], [str("y"), int(-1)]),
    byId: map([int(-2_147_483_648), int(2_147_483_647)]),
    flag: bool(false),
    ratio: float(Math.fround(0.1)),
    score: float(-1.5e-300),
    raw: bytes(0, 255, 128),
    small: int(-128),
    medium: int(32_767),
  });

  it.each([
    ["BASE64", { "decimal.format": "BASE64" }],
    ["NUMERIC", { "decimal.format": "NUMERIC" }],
  ])("keeps every schema type and value intact with decimal.format=%s", (_format, config) => {
    const converter = new JsonConverter(config);
    const read = converter.toConnectData("t", converter.fromConnectData("t", nested, order));
    expect(read).toEqual({ schema: nested, value: order });
  });

  it.each<[string, Value]>([
    ["a huge int64", int(-9_223_372_036_854_775_808n)],
    ["a double that looks whole", float(3)],
    ["a tiny double", float(5e-324)],
    ["bytes", bytes(1, 2, 3)],
    ["nested containers", array(map([str("k"), array(int(1), float(2.5), NULL)]))],
  ])("keeps %s intact without schemas, as far as JSON can tell kinds apart", (_what, value) => {
    const bytesOut = withoutSchemas.fromConnectData("t", undefined, value);
    const read = withoutSchemas.toConnectData("t", bytesOut).value;
    // Bytes have no JSON type of their own: schemaless, they come back as their base64 text.
    expect(read).toEqual(value.kind?.$case === "bytesValue" ? str("AQID") : value);
  });
});

describe("JsonConverter logical types", () => {
  const DECIMAL_SCHEMA_JSON =
    '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}';
  const DATE_SCHEMA_JSON =
    '{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1}';
  const TIME_SCHEMA_JSON =
    '{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1}';
  const TIMESTAMP_SCHEMA_JSON =
    '{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1}';
  const decimal = LogicalDecimal.toValue("-1.56", 2);
  const date = LogicalDate.toValue(new Date("1969-12-31T00:00:00Z"));
  const time = LogicalTime.toValue(new Date("1970-01-01T23:59:59.999Z"));
  const timestamp = LogicalTimestamp.toValue(new Date("1969-07-20T20:17:40.000Z"));

  // Each row: the config, the schema, the value, Connect's bytes, and what reading those bytes gives.
  it.each<[string, ConverterConfig, Schema, Value, string, SchemaAndValue]>([
    [
      "a BASE64 Decimal with schemas",
      {},
      LogicalDecimal.schema(2),
      decimal,
      `{"schema":${DECIMAL_SCHEMA_JSON},"payload":"/2Q="}`,
      { schema: LogicalDecimal.schema(2), value: decimal },
    ],
    [
      "a NUMERIC Decimal with schemas",
      { "decimal.format": "NUMERIC" },
      LogicalDecimal.schema(2),
      decimal,
      `{"schema":${DECIMAL_SCHEMA_JSON},"payload":-1.56}`,
      { schema: LogicalDecimal.schema(2), value: decimal },
    ],
    [
      "a BASE64 Decimal without schemas, which reads back as its base64 text",
      { "schemas.enable": "false" },
      LogicalDecimal.schema(2),
      decimal,
      '"/2Q="',
      { schema: undefined, value: str("/2Q=") },
    ],
    [
      "a NUMERIC Decimal without schemas, which reads back as a double",
      { "schemas.enable": "false", "decimal.format": "NUMERIC" },
      LogicalDecimal.schema(2),
      decimal,
      "-1.56",
      { schema: undefined, value: float(-1.56) },
    ],
    [
      "a Date before 1970 with schemas",
      {},
      LogicalDate.schema(),
      date,
      `{"schema":${DATE_SCHEMA_JSON},"payload":-1}`,
      { schema: LogicalDate.schema(), value: date },
    ],
    [
      "a Date without schemas, which reads back as an int64",
      { "schemas.enable": "false" },
      LogicalDate.schema(),
      date,
      "-1",
      { schema: undefined, value: int(-1) },
    ],
    [
      "the last millisecond of the day as a Time with schemas",
      {},
      LogicalTime.schema(),
      time,
      `{"schema":${TIME_SCHEMA_JSON},"payload":86399999}`,
      { schema: LogicalTime.schema(), value: time },
    ],
    [
      "a Time without schemas",
      { "schemas.enable": "false" },
      LogicalTime.schema(),
      time,
      "86399999",
      { schema: undefined, value: int(86_399_999) },
    ],
    [
      "a Timestamp before 1970 with schemas",
      {},
      LogicalTimestamp.schema(),
      timestamp,
      `{"schema":${TIMESTAMP_SCHEMA_JSON},"payload":-14182940000}`,
      { schema: LogicalTimestamp.schema(), value: timestamp },
    ],
    [
      "a Timestamp without schemas",
      { "schemas.enable": "false" },
      LogicalTimestamp.schema(),
      timestamp,
      "-14182940000",
      { schema: undefined, value: int(-14_182_940_000) },
    ],
  ])("writes %s as Connect does, and reads it back", (_what, config, schema, value, connectJson, read) => {
    const converter = new JsonConverter(config);
    expect(text(converter.fromConnectData("t", schema, value))).toBe(connectJson);
    expect(converter.toConnectData("t", json(connectJson))).toEqual(read);
  });

  const withDefault = (schema: Schema, defaultValue: Value): Schema => ({
    ...schema,
    optional: true,
    defaultValue,
  });

  it.each<[string, Schema, string, string]>([
    [
      "a BASE64 Decimal",
      withDefault(LogicalDecimal.schema(2), LogicalDecimal.toValue("0.00", 2)),
      "{}",
      '{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"default":"AA=="}',
    ],
    [
      "a NUMERIC Decimal",
      withDefault(LogicalDecimal.schema(2), LogicalDecimal.toValue("0.00", 2)),
      '{"decimal.format":"NUMERIC"}',
      '{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"default":0.00}',
    ],
    [
      "a Date",
      withDefault(LogicalDate.schema(), LogicalDate.toValue(new Date("1970-01-02T00:00:00Z"))),
      "{}",
      '{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Date","version":1,"default":1}',
    ],
    [
      "a Time",
      withDefault(LogicalTime.schema(), LogicalTime.toValue(new Date("1970-01-01T00:00:01Z"))),
      "{}",
      '{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Time","version":1,"default":1000}',
    ],
    [
      "a Timestamp",
      withDefault(LogicalTimestamp.schema(), LogicalTimestamp.toValue(new Date(0))),
      "{}",
      '{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"default":0}',
    ],
  ])(
    "replaces a null %s with its default both ways, unless replace.null.with.default is false",
    (_what, schema, configJson, schemaJson) => {
      const config = JSON.parse(configJson) as Record<string, string>;
      const replacing = new JsonConverter(config);
      const keeping = new JsonConverter({ ...config, "replace.null.with.default": "false" });
      const defaultJson = schemaJson.slice(schemaJson.indexOf('"default":') + '"default":'.length, -1);

      expect(text(replacing.fromConnectData("t", schema, NULL))).toBe(
        `{"schema":${schemaJson},"payload":${defaultJson}}`,
      );
      expect(text(keeping.fromConnectData("t", schema, NULL))).toBe(
        `{"schema":${schemaJson},"payload":null}`,
      );
      const nullPayload = json(`{"schema":${schemaJson},"payload":null}`);
      expect(replacing.toConnectData("t", nullPayload).value).toEqual(schema.defaultValue);
      expect(keeping.toConnectData("t", nullPayload).value).toBeUndefined();
    },
  );

  it.each([
    ["below zero", -1n],
    ["past a whole day", 86_400_001n],
  ])("refuses a Time %s both ways, as Connect's Time does", (_what, ms) => {
    const envelope = `{"schema":${TIME_SCHEMA_JSON},"payload":${ms}}`;
    const message = `the value is a Time of ${ms} ms, but a Time is 0 to 86400000 ms after midnight`;
    expect(() => withSchemas.toConnectData("t", json(envelope))).toThrow(message);
    expect(() => withSchemas.fromConnectData("t", LogicalTime.schema(), int(ms))).toThrow(message);
  });

  it("accepts a Time of exactly one day, as Connect's check does", () => {
    const envelope = `{"schema":${TIME_SCHEMA_JSON},"payload":86400000}`;
    expect(withSchemas.toConnectData("t", json(envelope)).value).toEqual(int(86_400_000));
  });
});

describe("JsonConverter schemas.cache.size", () => {
  const schemaA = schemaOf(T.SCHEMA_TYPE_STRUCT, {
    name: "A",
    fields: [
      { name: "n", index: 0, schema: { type: T.SCHEMA_TYPE_INT32, optional: true, defaultValue: int(1) } },
    ],
  });
  const schemaB = { ...schemaA, name: "B" };
  const schemaC = { ...schemaA, name: "C" };
  const envelopeOf = (converter: JsonConverter, schema: Schema) =>
    converter.fromConnectData("t", schema, struct({ n: NULL }));

  it("writes and reads the same bytes and values as with no cache at all", () => {
    const cached = new JsonConverter({ "schemas.cache.size": "2" });
    const uncached = new JsonConverter({ "schemas.cache.size": "0" });
    for (const schema of [schemaA, schemaB, schemaA, schemaC, schemaA, schemaB]) {
      const copy = Schema.decode(Schema.encode(schema).finish());
      const bytesOut = envelopeOf(cached, copy);
      expect(bytesOut).toEqual(envelopeOf(uncached, copy));
      expect(cached.toConnectData("t", bytesOut)).toEqual(uncached.toConnectData("t", bytesOut));
    }
  });

  it("reads a repeated schema once and shares it, frozen, between the records", () => {
    const converter = new JsonConverter();
    const bytesA = envelopeOf(converter, schemaA);
    const first = converter.toConnectData("t", bytesA).schema;
    const second = converter.toConnectData("t", Buffer.from(bytesA ?? "")).schema;
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.fields[0]?.schema)).toBe(true);
  });

  it("forgets the least recently used schema beyond its size", () => {
    const converter = new JsonConverter({ "schemas.cache.size": "2" });
    const read = (schema: Schema) => converter.toConnectData("t", envelopeOf(converter, schema)).schema;
    const a = read(schemaA);
    const b = read(schemaB);
    expect(read(schemaA)).toBe(a);
    read(schemaC);
    // B was the least recently used, so C took its place while A stayed.
    expect(read(schemaA)).toBe(a);
    expect(read(schemaB)).not.toBe(b);
  });

  it("shares nothing when the size is 0", () => {
    const converter = new JsonConverter({ "schemas.cache.size": "0" });
    const bytesA = envelopeOf(converter, schemaA);
    const first = converter.toConnectData("t", bytesA).schema;
    expect(converter.toConnectData("t", bytesA).schema).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(false);
  });
});

describe("JsonConverter as a header converter", () => {
  it("writes and reads a header value as it does a record value", () => {
    const bytesOut = withSchemas.fromConnectHeader("t", "h", schemaOf(T.SCHEMA_TYPE_INT32), int(42));
    expect(text(bytesOut)).toBe('{"schema":{"type":"int32","optional":false},"payload":42}');
    expect(withSchemas.toConnectHeader("t", "h", bytesOut)).toEqual({
      schema: schemaOf(T.SCHEMA_TYPE_INT32),
      value: int(42),
    });
    expect(withSchemas.fromConnectHeader("t", "h", undefined, NULL)).toBeNull();
  });

  it("names the header in its errors", () => {
    expect(() =>
      withSchemas.fromConnectHeader("orders", "id", schemaOf(T.SCHEMA_TYPE_INT8), int(300)),
    ).toThrow(/JsonConverter could not write header "id" for topic "orders" as JSON/);
    expect(() => withSchemas.toConnectHeader("orders", "id", json("1"))).toThrow(
      /JsonConverter could not read header "id" of a record from topic "orders" as JSON/,
    );
  });
});

describe("JsonConverter Decimal scales", () => {
  const noScale = schemaOf(T.SCHEMA_TYPE_BYTES, { name: LogicalDecimal.name });
  const negativeScale = schemaOf(T.SCHEMA_TYPE_BYTES, {
    name: LogicalDecimal.name,
    version: 1,
    parameters: { scale: "-3" },
  });
  const fifteenThousand = LogicalDecimal.toValue("15", 0);

  it("refuses a Decimal schema without a scale both ways, as Connect's Decimal does", () => {
    const message = /the Decimal schema of the value needs a whole-number "scale" parameter, not none/;
    expect(() => withSchemas.fromConnectData("t", noScale, bytes(1))).toThrow(message);
    expect(() =>
      withSchemas.toConnectData(
        "t",
        json('{"schema":{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal"},"payload":"AQ=="}'),
      ),
    ).toThrow(message);
  });

  it("writes a Decimal of negative scale as base64, or as BigDecimal prints it", () => {
    expect(text(withoutSchemas.fromConnectData("t", negativeScale, fifteenThousand))).toBe('"Dw=="');
    const numeric = new JsonConverter({ "schemas.enable": "false", "decimal.format": "NUMERIC" });
    expect(text(numeric.fromConnectData("t", negativeScale, fifteenThousand))).toBe("1.5E+4");
  });

  it("reads a Decimal of negative scale from base64, but not from a number", () => {
    const schemaJson = JSON.stringify({
      type: "bytes",
      optional: false,
      name: LogicalDecimal.name,
      version: 1,
      parameters: { scale: "-3" },
    });
    expect(withSchemas.toConnectData("t", json(`{"schema":${schemaJson},"payload":"Dw=="}`))).toEqual({
      schema: negativeScale,
      value: fifteenThousand,
    });
    expect(() => withSchemas.toConnectData("t", json(`{"schema":${schemaJson},"payload":15000}`))).toThrow(
      /negative scale -3, which can only be read as base64/,
    );
  });
});

describe("JsonConverter reading a repeated schema", () => {
  const PERSON_ENVELOPE = `{"schema":${PERSON_JSON},"payload":`;
  /** What a converter that has just read `primer` makes of `input`: its result, or its error's message. */
  const readAfter = (converter: JsonConverter, primer: string, input: string) => {
    converter.toConnectData("t", json(primer));
    try {
      return converter.toConnectData("t", json(input));
    } catch (e) {
      return e instanceof Error ? e.message : e;
    }
  };
  const primer = `${PERSON_ENVELOPE}{"id":0}}`;

  it.each([
    ["another payload", `${PERSON_ENVELOPE}{"id":7,"name":"b\\u00e9a"}}`],
    ["spaces around the payload", `${PERSON_ENVELOPE} {"name":"x","id":1} }\n`],
    ["spaces before the payload's name", `{"schema":${PERSON_JSON}, "payload":{"id":1}}`],
    ["a duplicate payload, the last of which counts", `${PERSON_ENVELOPE}{"id":1},"payload":{"id":2}}`],
    ["a third member", `${PERSON_ENVELOPE}{"id":1},"extra":true}`],
    ["another member in the payload's place", `{"schema":${PERSON_JSON},"Payload":{"id":1}}`],
    ["the payload first", `{"payload":{"id":3},"schema":${PERSON_JSON}}`],
    ["text after the envelope", `${PERSON_ENVELOPE}{"id":1}} x`],
    ["no closing brace", `${PERSON_ENVELOPE}{"id":1}`],
    ["a payload that does not fit the schema", `${PERSON_ENVELOPE}{"id":"1"}}`],
    ["malformed JSON in the payload", `${PERSON_ENVELOPE}{"id":1,}}`],
    ["a null payload", `${PERSON_ENVELOPE}null}`],
    [
      "a longer schema that starts alike",
      `{"schema":${PERSON_JSON.slice(0, -1)},"doc":"d"},"payload":{"id":1}}`,
    ],
    ["another schema", '{"schema":{"type":"int32","optional":false},"payload":5}'],
    ["a null schema", '{"schema":null,"payload":{"id":1}}'],
  ])("reads %s as a converter that remembers nothing does", (_what, input) => {
    const remembering = readAfter(new JsonConverter(), primer, input);
    const forgetting = readAfter(new JsonConverter({ "schemas.cache.size": "0" }), primer, input);
    expect(remembering).toEqual(forgetting);
  });

  it("gives every record of a repeated schema the one frozen schema, and its own value", () => {
    const converter = new JsonConverter();
    const read = (id: number) => converter.toConnectData("t", json(`${PERSON_ENVELOPE}{"id":${id}}}`));
    const [first, second, third] = [read(1), read(2), read(3)];
    expect(second.schema).toBe(first.schema);
    expect(third.schema).toBe(first.schema);
    expect(Object.isFrozen(third.schema)).toBe(true);
    expect(third.value).toEqual(struct({ id: int(3), name: NULL }));
  });
});
