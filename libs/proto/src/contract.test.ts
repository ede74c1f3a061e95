import { describe, expect, it } from "vitest";
import { NullValue, Record, Schema, SchemaType, Value } from "./index.js";

/** Encodes to the wire and back, as a connector in another language would see it. */
function roundTrip<T>(codec: { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): T }, m: T): T {
  return codec.decode(codec.encode(m).finish());
}

const scalar = (kind: Value["kind"]): Value => ({ kind });

describe("Value", () => {
  it.each<[string, Value]>([
    ["null", scalar({ $case: "nullValue", value: NullValue.NULL_VALUE })],
    ["true", scalar({ $case: "boolValue", value: true })],
    ["false", scalar({ $case: "boolValue", value: false })],
    ["the largest int64", scalar({ $case: "intValue", value: 9_223_372_036_854_775_807n })],
    ["the smallest int64", scalar({ $case: "intValue", value: -9_223_372_036_854_775_808n })],
    ["zero", scalar({ $case: "intValue", value: 0n })],
    ["a float", scalar({ $case: "floatValue", value: -1.5e-300 })],
    ["infinity", scalar({ $case: "floatValue", value: Number.POSITIVE_INFINITY })],
    ["a string with non-ASCII text", scalar({ $case: "stringValue", value: "zażółć gęślą jaźń 🚀" })],
    ["an empty string", scalar({ $case: "stringValue", value: "" })],
    ["bytes", scalar({ $case: "bytesValue", value: Buffer.from([0, 255, 128, 7]) })],
    [
      "an array",
      scalar({
        $case: "arrayValue",
        value: {
          elements: [scalar({ $case: "intValue", value: 1n }), scalar({ $case: "stringValue", value: "x" })],
        },
      }),
    ],
    [
      "a map with a non-string key",
      scalar({
        $case: "mapValue",
        value: {
          entries: [
            {
              key: scalar({ $case: "intValue", value: 7n }),
              value: scalar({ $case: "boolValue", value: true }),
            },
          ],
        },
      }),
    ],
    [
      "a nested struct",
      scalar({
        $case: "structValue",
        value: {
          fields: [
            { name: "id", value: scalar({ $case: "intValue", value: 42n }) },
            {
              name: "address",
              value: scalar({
                $case: "structValue",
                value: {
                  fields: [{ name: "city", value: scalar({ $case: "stringValue", value: "Kraków" }) }],
                },
              }),
            },
          ],
        },
      }),
    ],
  ])("round-trips %s through the wire format", (_name, value) => {
    expect(roundTrip(Value, value)).toEqual(value);
  });

  it("reads an unset kind as a value with no kind, which the contract treats as null", () => {
    expect(roundTrip(Value, { kind: undefined }).kind).toBeUndefined();
  });

  it("round-trips through the proto3 JSON mapping", () => {
    const value = scalar({ $case: "intValue", value: -9_007_199_254_740_993n });
    expect(Value.fromJSON(Value.toJSON(value))).toEqual(value);
  });
});

describe("Schema", () => {
  it("round-trips a struct schema with every nested kind", () => {
    const schema = Schema.fromPartial({
      type: SchemaType.SCHEMA_TYPE_STRUCT,
      name: "com.example.Order",
      version: 3,
      doc: "an order",
      fields: [
        { name: "id", index: 0, schema: { type: SchemaType.SCHEMA_TYPE_INT64 } },
        {
          name: "tags",
          index: 1,
          schema: {
            type: SchemaType.SCHEMA_TYPE_ARRAY,
            elementSchema: { type: SchemaType.SCHEMA_TYPE_STRING },
          },
        },
        {
          name: "attributes",
          index: 2,
          schema: {
            type: SchemaType.SCHEMA_TYPE_MAP,
            optional: true,
            keySchema: { type: SchemaType.SCHEMA_TYPE_STRING },
            valueSchema: { type: SchemaType.SCHEMA_TYPE_FLOAT64 },
          },
        },
        {
          name: "status",
          index: 3,
          schema: {
            type: SchemaType.SCHEMA_TYPE_STRING,
            defaultValue: { kind: { $case: "stringValue", value: "NEW" } },
          },
        },
      ],
    });
    expect(roundTrip(Schema, schema)).toEqual(schema);
  });
});

describe("Record", () => {
  it("round-trips a source record with offsets, headers and trace context", () => {
    const record = Record.fromPartial({
      key: { kind: { $case: "stringValue", value: "k" } },
      value: { kind: { $case: "bytesValue", value: Buffer.from("payload") } },
      headers: [{ key: "h", value: { kind: { $case: "stringValue", value: "v" } } }],
      timestampMs: 1_795_614_719_058n,
      topic: "orders",
      kafkaPartition: 2,
      sourcePartition: {
        kind: {
          $case: "mapValue",
          value: {
            entries: [
              {
                key: { kind: { $case: "stringValue", value: "filename" } },
                value: { kind: { $case: "stringValue", value: "in.txt" } },
              },
            ],
          },
        },
      },
      kafkaPosition: { topic: "orders", partition: 2, offset: 9_007_199_254_740_993n },
      trace: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", tracestate: "" },
    });
    expect(roundTrip(Record, record)).toEqual(record);
  });
});
