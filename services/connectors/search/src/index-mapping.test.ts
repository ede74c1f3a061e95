import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
  toValue,
} from "@connect-mesh/connector-sdk";
import { Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { documentJson } from "./document-json.js";
import { indexMappingFor } from "./index-mapping.js";

const T = SchemaType;

type SchemaInit = Parameters<typeof Schema.fromPartial>[0];

const structOf = (fields: Record<string, SchemaInit | undefined>): Schema =>
  Schema.fromPartial({
    type: T.SCHEMA_TYPE_STRUCT,
    fields: Object.entries(fields).map(([name, schema], index) => ({ name, index, schema })),
  });

const mapOf = (keyType: SchemaType, valueType: SchemaType): Schema =>
  Schema.fromPartial({
    type: T.SCHEMA_TYPE_MAP,
    keySchema: { type: keyType },
    valueSchema: { type: valueType },
  });

const TEXT = { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } };

describe("indexMappingFor", () => {
  it("maps each primitive type to its engine type", () => {
    const schema = structOf({
      i8: { type: T.SCHEMA_TYPE_INT8 },
      i16: { type: T.SCHEMA_TYPE_INT16 },
      i32: { type: T.SCHEMA_TYPE_INT32 },
      i64: { type: T.SCHEMA_TYPE_INT64 },
      f32: { type: T.SCHEMA_TYPE_FLOAT32 },
      f64: { type: T.SCHEMA_TYPE_FLOAT64 },
      flag: { type: T.SCHEMA_TYPE_BOOLEAN },
      blob: { type: T.SCHEMA_TYPE_BYTES },
      name: { type: T.SCHEMA_TYPE_STRING },
    });
    expect(indexMappingFor(schema, "orders")).toEqual({
      properties: {
        i8: { type: "byte" },
        i16: { type: "short" },
        i32: { type: "integer" },
        i64: { type: "long" },
        f32: { type: "float" },
        f64: { type: "double" },
        flag: { type: "boolean" },
        blob: { type: "binary" },
        name: TEXT,
      },
    });
  });

  it("maps Timestamp, Date and Time as date and Decimal as double, whatever they travel as", () => {
    const schema = structOf({
      at: LogicalTimestamp.schema(),
      day: LogicalDate.schema(),
      time: LogicalTime.schema(),
      price: LogicalDecimal.schema(2),
    });
    expect(indexMappingFor(schema, "orders")).toEqual({
      properties: {
        at: { type: "date" },
        day: { type: "date" },
        time: { type: "date" },
        price: { type: "double" },
      },
    });
  });

  it("maps a nested struct as its properties and an array as its elements", () => {
    const schema = structOf({
      address: structOf({ city: { type: T.SCHEMA_TYPE_STRING } }),
      tags: { type: T.SCHEMA_TYPE_ARRAY, elementSchema: { type: T.SCHEMA_TYPE_STRING } },
      seen: { type: T.SCHEMA_TYPE_ARRAY, elementSchema: LogicalTimestamp.schema() },
    });
    expect(indexMappingFor(schema, "orders")).toEqual({
      properties: { address: { properties: { city: TEXT } }, tags: TEXT, seen: { type: "date" } },
    });
  });

  it("maps a map with string keys as an object, and leaves a top-level one to the engine", () => {
    const labels = mapOf(T.SCHEMA_TYPE_STRING, T.SCHEMA_TYPE_INT32);
    expect(indexMappingFor(structOf({ labels }), "orders")).toEqual({
      properties: { labels: { type: "object" } },
    });
    expect(indexMappingFor(labels, "orders")).toEqual({});
  });

  it("maps a field holding a map with other keys as key/value objects", () => {
    const schema = structOf({ counts: mapOf(T.SCHEMA_TYPE_INT32, T.SCHEMA_TYPE_STRING) });
    expect(indexMappingFor(schema, "orders")).toEqual({
      properties: { counts: { properties: { key: { type: "integer" }, value: TEXT } } },
    });
  });

  it("leaves out fields without a known mapping, for the engine to map from the first value", () => {
    const schema = structOf({
      id: { type: T.SCHEMA_TYPE_INT64 },
      unknown: { type: T.SCHEMA_TYPE_UNSPECIFIED },
      untyped: undefined,
      list: { type: T.SCHEMA_TYPE_ARRAY },
    });
    expect(indexMappingFor(schema, "orders")).toEqual({ properties: { id: { type: "long" } } });
  });

  it.each([
    ["STRING", T.SCHEMA_TYPE_STRING],
    ["INT64", T.SCHEMA_TYPE_INT64],
    ["ARRAY", T.SCHEMA_TYPE_ARRAY],
  ])("refuses a top-level %s schema, naming the topic", (_name, type) => {
    const schema = Schema.fromPartial({ type });
    expect(() => indexMappingFor(schema, "orders")).toThrow(FatalError);
    expect(() => indexMappingFor(schema, "orders")).toThrow(/topic "orders" have a SCHEMA_TYPE_\w+ schema/);
  });

  // documentJson writes such a map as a JSON array, which the engines refuse as a document.
  it("refuses a top-level map without string keys, whose documents are arrays, not objects", () => {
    const schema = mapOf(T.SCHEMA_TYPE_INT32, T.SCHEMA_TYPE_STRING);
    const document = documentJson(
      { kind: { $case: "mapValue", value: { entries: [{ key: toValue(1), value: toValue("one") }] } } },
      schema,
    );
    expect(document).toBe('[{"key":1,"value":"one"}]');
    expect(() => indexMappingFor(schema, "orders")).toThrow(FatalError);
  });
});
