import {
  DataError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
  toValue,
} from "@connect-mesh/connector-sdk";
import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { documentJson } from "./document-json.js";

const T = SchemaType;

const struct = (fields: Record<string, Value>): Value => ({
  kind: {
    $case: "structValue",
    value: { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) },
  },
});

const intKeyedMap = (entries: [number, string][]): Value => ({
  kind: {
    $case: "mapValue",
    value: { entries: entries.map(([key, value]) => ({ key: toValue(key), value: toValue(value) })) },
  },
});

const float = (value: number): Value => ({ kind: { $case: "floatValue", value } });

describe("documentJson", () => {
  it("writes a struct's fields in schema order, an absent one as its default or null", () => {
    const schema = Schema.fromPartial({
      type: T.SCHEMA_TYPE_STRUCT,
      fields: [
        { name: "id", index: 0, schema: { type: T.SCHEMA_TYPE_INT64 } },
        { name: "name", index: 1, schema: { type: T.SCHEMA_TYPE_STRING } },
        { name: "country", index: 2, schema: { type: T.SCHEMA_TYPE_STRING, defaultValue: toValue("NL") } },
        { name: "note", index: 3, schema: { type: T.SCHEMA_TYPE_STRING, optional: true } },
      ],
    });
    const json = documentJson(struct({ name: toValue("Ann"), id: toValue(7) }), schema);
    expect(json).toBe('{"id":7,"name":"Ann","country":"NL","note":null}');
  });

  it("writes a schemaless struct in the value's own field order", () => {
    const json = documentJson(struct({ b: toValue(1), a: toValue([true, null]) }), undefined);
    expect(JSON.parse(json)).toEqual({ b: 1, a: [true, null] });
    expect(json).toBe('{"b":1,"a":[true,null]}');
  });

  it("writes a map with string keys as an object, with or without a schema", () => {
    const schema = Schema.fromPartial({
      type: T.SCHEMA_TYPE_MAP,
      keySchema: { type: T.SCHEMA_TYPE_STRING },
      valueSchema: LogicalTimestamp.schema(),
    });
    expect(JSON.parse(documentJson(toValue({ a: 1, b: "two" }), undefined))).toEqual({ a: 1, b: "two" });
    expect(JSON.parse(documentJson(toValue({ at: 1_000 }), schema))).toEqual({ at: 1_000 });
  });

  it("writes a map with other keys as a list of key/value objects, as Confluent does", () => {
    const schema = Schema.fromPartial({
      type: T.SCHEMA_TYPE_MAP,
      keySchema: { type: T.SCHEMA_TYPE_INT32 },
      valueSchema: { type: T.SCHEMA_TYPE_STRING },
    });
    const expected = [
      { key: 1, value: "one" },
      { key: 2, value: "two" },
    ];
    const value = intKeyedMap([
      [1, "one"],
      [2, "two"],
    ]);
    expect(JSON.parse(documentJson(value, schema))).toEqual(expected);
    expect(JSON.parse(documentJson(value, undefined))).toEqual(expected);
  });

  it("writes an array's elements by its element schema", () => {
    const schema = Schema.fromPartial({ type: T.SCHEMA_TYPE_ARRAY, elementSchema: LogicalDate.schema() });
    const days = toValue([0, 1]);
    expect(documentJson(days, schema)).toBe("[0,86400000]");
    expect(documentJson(days, undefined)).toBe("[0,1]");
  });

  it("keeps every digit of a 64-bit integer beyond 2^53", () => {
    const schema = Schema.fromPartial({ type: T.SCHEMA_TYPE_INT64 });
    expect(documentJson(toValue(2n ** 63n - 1n), schema)).toBe("9223372036854775807");
    expect(documentJson(toValue(-(2n ** 53n) - 1n), undefined)).toBe("-9007199254740993");
  });

  it.each([
    ["12345678901234567890.12", 2],
    ["-0.05", 2],
    ["42", 0],
    ["1.500", 3],
  ])("writes the Decimal %s (scale %i) as a number with exactly its digits", (decimal, scale) => {
    const json = documentJson(LogicalDecimal.toValue(decimal, scale), LogicalDecimal.schema(scale));
    expect(json).toBe(decimal);
  });

  const instant = new Date("2024-03-01T12:34:56.789Z");
  const midnight = new Date("2024-03-01T00:00:00Z");
  const timeOfDay = new Date("1970-01-01T12:34:56.789Z");
  it.each([
    ["Timestamp", LogicalTimestamp.toValue(instant), LogicalTimestamp.schema(), instant.getTime()],
    ["Date", LogicalDate.toValue(midnight), LogicalDate.schema(), midnight.getTime()],
    ["Time", LogicalTime.toValue(timeOfDay), LogicalTime.schema(), timeOfDay.getTime()],
  ])("writes a %s as epoch milliseconds", (_name, value, schema, epochMs) => {
    expect(JSON.parse(documentJson(value, schema))).toBe(epochMs);
  });

  it("refuses a Timestamp not carried as an integer", () => {
    expect(() => documentJson(toValue("2024-03-01"), LogicalTimestamp.schema())).toThrow(DataError);
  });

  it("writes bytes as base64 text", () => {
    const schema = Schema.fromPartial({ type: T.SCHEMA_TYPE_BYTES });
    expect(JSON.parse(documentJson(toValue(Buffer.from("hi!")), schema))).toBe("aGkh");
  });

  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("writes the float %d as the text %s, as Jackson does", (value, text) => {
    const schema = Schema.fromPartial({ type: T.SCHEMA_TYPE_FLOAT64 });
    expect(JSON.parse(documentJson(float(value), schema))).toBe(text);
  });

  it("writes null, and no value at all, as null", () => {
    const schema = Schema.fromPartial({ type: T.SCHEMA_TYPE_STRING, optional: true });
    expect(documentJson(toValue(null), schema)).toBe("null");
    expect(documentJson(undefined, undefined)).toBe("null");
  });
});
