import { Schema, SchemaType, Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { isSameSchema, isSameValue } from "./same-data.js";

const str = (value: string): Value => ({ kind: { $case: "stringValue", value } });
const int = (value: bigint): Value => ({ kind: { $case: "intValue", value } });
const float = (value: number): Value => ({ kind: { $case: "floatValue", value } });
const map = (...entries: [Value, Value][]): Value => ({
  kind: { $case: "mapValue", value: { entries: entries.map(([key, value]) => ({ key, value })) } },
});

/** Both answers must agree with comparing the protobuf encodings, which is what they stand in for. */
const sameEncoding = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(b);

const struct = (overrides: Partial<Schema> = {}): Schema =>
  Schema.fromPartial({
    type: SchemaType.SCHEMA_TYPE_STRUCT,
    name: "com.example.Row",
    version: 2,
    doc: "a row",
    parameters: { a: "1", b: "2" },
    fields: [
      { name: "id", index: 0, schema: { type: SchemaType.SCHEMA_TYPE_INT64 } },
      {
        name: "tags",
        index: 1,
        schema: {
          type: SchemaType.SCHEMA_TYPE_MAP,
          optional: true,
          keySchema: { type: SchemaType.SCHEMA_TYPE_STRING },
          valueSchema: {
            type: SchemaType.SCHEMA_TYPE_ARRAY,
            elementSchema: { type: SchemaType.SCHEMA_TYPE_FLOAT64 },
          },
        },
      },
    ],
    ...overrides,
  });

describe("isSameSchema", () => {
  it("finds a schema the same as its decoded copy", () => {
    const schema = struct({ defaultValue: map([str("k"), int(1n)]) });
    expect(isSameSchema(schema, Schema.decode(Schema.encode(schema).finish()))).toBe(true);
  });

  it.each<[string, Partial<Schema>]>([
    ["type", { type: SchemaType.SCHEMA_TYPE_MAP }],
    ["optional", { optional: true }],
    ["name", { name: "com.example.Other" }],
    ["version", { version: undefined }],
    ["doc", { doc: "" }],
    ["a parameter's value", { parameters: { a: "1", b: "3" } }],
    ["the parameters' order", { parameters: { b: "2", a: "1" } }],
    ["a parameter more", { parameters: { a: "1", b: "2", c: "3" } }],
    [
      "the fields",
      {
        fields: [
          { name: "id", index: 0, schema: Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_INT32 }) },
        ],
      },
    ],
    ["the default", { defaultValue: str("x") }],
  ])("tells schemas apart by %s, as their encodings do", (_, change) => {
    const a = struct();
    const b = struct(change);
    expect(sameEncoding(Schema.encode(a).finish(), Schema.encode(b).finish())).toBe(false);
    expect(isSameSchema(a, b)).toBe(false);
    expect(isSameSchema(b, a)).toBe(false);
  });

  it("tells nested schemas apart", () => {
    const a = struct();
    const b = struct();
    const tags = b.fields[1]?.schema?.valueSchema?.elementSchema;
    if (tags === undefined) throw new Error("no element schema");
    tags.type = SchemaType.SCHEMA_TYPE_FLOAT32;
    expect(isSameSchema(a, b)).toBe(false);
  });
});

describe("isSameValue", () => {
  it.each<[string, Value | undefined, Value | undefined, boolean]>([
    ["equal strings", str("a"), str("a"), true],
    ["different strings", str("a"), str("b"), false],
    ["a string and an int", str("1"), int(1n), false],
    ["equal ints", int(1n << 62n), int(1n << 62n), true],
    ["0 and -0", float(0), float(-0), false],
    ["NaN and NaN", float(Number.NaN), float(Number.NaN), true],
    ["no kind and an explicit null", { kind: undefined }, { kind: { $case: "nullValue", value: 0 } }, false],
    ["no value and no kind", undefined, { kind: undefined }, false],
    [
      "equal bytes",
      { kind: { $case: "bytesValue", value: Buffer.from([1, 2]) } },
      { kind: { $case: "bytesValue", value: Buffer.from([1, 2]) } },
      true,
    ],
    [
      "different bytes",
      { kind: { $case: "bytesValue", value: Buffer.from([1, 2]) } },
      { kind: { $case: "bytesValue", value: Buffer.from([1, 3]) } },
      false,
    ],
    ["equal maps", map([str("filename"), str("/a")]), map([str("filename"), str("/a")]), true],
    ["maps with another value", map([str("filename"), str("/a")]), map([str("filename"), str("/b")]), false],
    [
      "maps in another order",
      map([str("a"), int(1n)], [str("b"), int(2n)]),
      map([str("b"), int(2n)], [str("a"), int(1n)]),
      false,
    ],
    [
      "a map and a shorter one",
      map([str("a"), int(1n)], [str("b"), int(2n)]),
      map([str("a"), int(1n)]),
      false,
    ],
    [
      "structs with another field",
      { kind: { $case: "structValue", value: { fields: [{ name: "a", value: int(1n) }] } } },
      { kind: { $case: "structValue", value: { fields: [{ name: "b", value: int(1n) }] } } },
      false,
    ],
    [
      "arrays with another element",
      { kind: { $case: "arrayValue", value: { elements: [int(1n), int(2n)] } } },
      { kind: { $case: "arrayValue", value: { elements: [int(1n), int(3n)] } } },
      false,
    ],
  ])("compares %s", (_, a, b, same) => {
    expect(isSameValue(a, b)).toBe(same);
    expect(isSameValue(b, a)).toBe(same);
    if (a !== undefined && b !== undefined)
      expect(sameEncoding(Value.encode(a).finish(), Value.encode(b).finish())).toBe(same);
  });
});
