import { FatalError, toValue } from "@connect-mesh/connector-sdk";
import { type Record as ConnectRecord, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { type FieldSettings, recordFields } from "./record-fields.js";

const INT32 = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_INT32 });
const INT64 = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_INT64 });
const STRING = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING });

function struct(fields: Record<string, Schema>): Schema {
  return Schema.fromPartial({
    type: SchemaType.SCHEMA_TYPE_STRUCT,
    fields: Object.entries(fields).map(([name, schema], index) => ({ name, index, schema })),
  });
}

function structValue(values: Record<string, Value>): Value {
  return {
    kind: {
      $case: "structValue",
      value: { fields: Object.entries(values).map(([name, value]) => ({ name, value })) },
    },
  };
}

const int = (n: number): Value => ({ kind: { $case: "intValue", value: BigInt(n) } });
const text = (s: string): Value => ({ kind: { $case: "stringValue", value: s } });

const VALUE_SCHEMA = struct({ id: INT32, name: STRING, city: STRING });
const VALUE = structValue({ id: int(7), name: text("Ada"), city: text("Oslo") });

function record(overrides: Partial<ConnectRecord> = {}): ConnectRecord {
  return {
    key: undefined,
    keySchema: undefined,
    value: VALUE,
    valueSchema: VALUE_SCHEMA,
    headers: [],
    topic: "orders",
    kafkaPosition: { topic: "orders", partition: 2, offset: 41n },
    sourcePartition: undefined,
    sourceOffset: undefined,
    trace: undefined,
    ...overrides,
  };
}

const settings = (overrides: Partial<FieldSettings> = {}): FieldSettings => ({
  pkMode: "none",
  pkFields: [],
  fieldsWhitelist: [],
  deleteEnabled: false,
  ...overrides,
});

/** The fields as "name" or "name*" for a key, in order. */
const columnsOf = (r: ConnectRecord, s: FieldSettings) =>
  recordFields(r, s).fields.map((field) => `${field.name}${field.isKey ? "*" : ""}`);

describe("recordFields", () => {
  it.each<[string, Partial<FieldSettings>, Partial<ConnectRecord>, string[]]>([
    ["none: every value field", {}, {}, ["id", "name", "city"]],
    ["none with a whitelist", { fieldsWhitelist: ["city", "id"] }, {}, ["id", "city"]],
    [
      "kafka: the default coordinates first",
      { pkMode: "kafka" },
      {},
      ["__connect_topic*", "__connect_partition*", "__connect_offset*", "id", "name", "city"],
    ],
    [
      "kafka with named columns: after the value's fields, by name",
      { pkMode: "kafka", pkFields: ["t", "p", "o"] },
      {},
      ["id", "name", "city", "o*", "p*", "t*"],
    ],
    [
      "record_value: every field when pk.fields is empty",
      { pkMode: "record_value" },
      {},
      ["id*", "name*", "city*"],
    ],
    [
      "record_value: pk.fields; the whitelist filters only the others",
      { pkMode: "record_value", pkFields: ["id"], fieldsWhitelist: ["name"] },
      {},
      ["id*", "name"],
    ],
    [
      "record_key with a primitive key named by pk.fields",
      { pkMode: "record_key", pkFields: ["order_id"] },
      { key: int(9), keySchema: INT64 },
      ["id", "name", "city", "order_id*"],
    ],
    [
      "record_key with a struct key: its fields, and a value field of the same name is the key's",
      { pkMode: "record_key" },
      {
        key: structValue({ id: int(7), region: text("eu") }),
        keySchema: struct({ id: INT32, region: STRING }),
      },
      ["id*", "name", "city", "region*"],
    ],
  ])("%s", (_, overrides, recordOverrides, expected) => {
    expect(columnsOf(record(recordOverrides), settings(overrides))).toEqual(expected);
  });

  it("takes the kafka columns' values from the record's topic and position", () => {
    const row = recordFields(record(), settings({ pkMode: "kafka" }));
    expect(row.values.slice(0, 3)).toEqual([
      text("orders"),
      int(2),
      { kind: { $case: "intValue", value: 41n } },
    ]);
    expect(row.fields.slice(0, 3).map((f) => f.schema.type)).toEqual([
      SchemaType.SCHEMA_TYPE_STRING,
      SchemaType.SCHEMA_TYPE_INT32,
      SchemaType.SCHEMA_TYPE_INT64,
    ]);
  });

  it("gives a field the struct lacks no value, so that its default or null applies", () => {
    const row = recordFields(record({ value: structValue({ id: int(1) }) }), settings());
    expect(row.values).toEqual([int(1), undefined, undefined]);
  });

  it("turns a tombstone with delete.enabled into a delete of its key", () => {
    const row = recordFields(
      record({
        value: undefined,
        valueSchema: undefined,
        key: structValue({ id: int(7) }),
        keySchema: struct({ id: INT32 }),
      }),
      settings({ pkMode: "record_key", deleteEnabled: true }),
    );
    expect(row).toMatchObject({ isDelete: true, values: [int(7)] });
    expect(row.fields.map((f) => f.name)).toEqual(["id"]);
  });

  it("treats a null value with a schema as a tombstone, as Connect does", () => {
    const row = recordFields(
      record({ value: toValue(null), key: int(7), keySchema: INT32 }),
      settings({ pkMode: "record_key", pkFields: ["id"], deleteEnabled: true }),
    );
    expect(row.isDelete).toBe(true);
  });

  it.each<[string, Partial<FieldSettings>, Partial<ConnectRecord>, RegExp]>([
    [
      "a tombstone without delete.enabled",
      {},
      { value: undefined, valueSchema: undefined },
      /delete\.enabled=true/,
    ],
    ["a value without a schema", {}, { valueSchema: undefined }, /no schema.*schemas\.enable=true/],
    [
      "a value that is not a struct",
      {},
      { value: text("x"), valueSchema: STRING },
      /is STRING, but .* needs a STRUCT/,
    ],
    ["a struct schema with another value", {}, { value: text("x") }, /its value is stringValue/],
    ["record_key without a key", { pkMode: "record_key", pkFields: ["id"] }, {}, /key is null/],
    [
      "a primitive key without exactly one pk.fields name",
      { pkMode: "record_key" },
      { key: int(1), keySchema: INT32 },
      /exactly one column/,
    ],
    [
      "pk.fields naming a field the value lacks",
      { pkMode: "record_value", pkFields: ["nope"] },
      {},
      /names "nope".*has no such field/,
    ],
    ["a whitelist that keeps nothing", { fieldsWhitelist: ["nope"] }, {}, /no fields to write/],
  ])("refuses %s with a FatalError that says what to do", (_, overrides, recordOverrides, message) => {
    const attempt = () => recordFields(record(recordOverrides), settings(overrides));
    expect(attempt).toThrow(FatalError);
    expect(attempt).toThrow(message);
  });
});
