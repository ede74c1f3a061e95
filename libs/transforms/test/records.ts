import { LogicalDecimal } from "@connect-mesh/data";
import { NullValue, Record, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { TransformChain } from "../src/index.js";

/** Test builders for the contract's records, schemas and values, written out so tests read like Connect's. */

export function record(overrides: Partial<Record> = {}): Record {
  return { ...Record.fromPartial({ topic: "test-topic" }), ...overrides };
}

function schema(type: SchemaType, extra: Partial<Schema> = {}): Schema {
  return { ...Schema.fromPartial({ type }), ...extra };
}

/** Schemas, e.g. `s.int32({ optional: true })`, `s.struct([["id", s.int64()]])`. */
export const s = {
  int8: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_INT8, extra),
  int16: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_INT16, extra),
  int32: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_INT32, extra),
  int64: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_INT64, extra),
  float32: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_FLOAT32, extra),
  float64: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_FLOAT64, extra),
  boolean: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_BOOLEAN, extra),
  string: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_STRING, extra),
  bytes: (extra?: Partial<Schema>) => schema(SchemaType.SCHEMA_TYPE_BYTES, extra),
  array: (element: Schema, extra?: Partial<Schema>) =>
    schema(SchemaType.SCHEMA_TYPE_ARRAY, { elementSchema: element, ...extra }),
  map: (key: Schema, value: Schema, extra?: Partial<Schema>) =>
    schema(SchemaType.SCHEMA_TYPE_MAP, { keySchema: key, valueSchema: value, ...extra }),
  struct: (fields: Array<[string, Schema]>, extra?: Partial<Schema>) =>
    schema(SchemaType.SCHEMA_TYPE_STRUCT, {
      fields: fields.map(([name, fieldSchema], index) => ({ name, index, schema: fieldSchema })),
      ...extra,
    }),
  date: (extra?: Partial<Schema>) =>
    schema(SchemaType.SCHEMA_TYPE_INT32, {
      name: "org.apache.kafka.connect.data.Date",
      version: 1,
      ...extra,
    }),
  time: (extra?: Partial<Schema>) =>
    schema(SchemaType.SCHEMA_TYPE_INT32, {
      name: "org.apache.kafka.connect.data.Time",
      version: 1,
      ...extra,
    }),
  timestamp: (extra?: Partial<Schema>) =>
    schema(SchemaType.SCHEMA_TYPE_INT64, {
      name: "org.apache.kafka.connect.data.Timestamp",
      version: 1,
      ...extra,
    }),
  decimal: (scale: number, extra?: Partial<Schema>) => ({ ...LogicalDecimal.schema(scale), ...extra }),
};

/** Values, e.g. `v.struct({ id: v.int(1n) })`, `v.map({ a: v.str("x") })`. */
export const v = {
  null: (): Value => ({ kind: { $case: "nullValue", value: NullValue.NULL_VALUE } }),
  int: (value: bigint | number): Value => ({ kind: { $case: "intValue", value: BigInt(value) } }),
  float: (value: number): Value => ({ kind: { $case: "floatValue", value } }),
  bool: (value: boolean): Value => ({ kind: { $case: "boolValue", value } }),
  str: (value: string): Value => ({ kind: { $case: "stringValue", value } }),
  bytes: (value: number[] | string): Value => ({
    kind: { $case: "bytesValue", value: typeof value === "string" ? Buffer.from(value) : Buffer.from(value) },
  }),
  array: (elements: Value[]): Value => ({ kind: { $case: "arrayValue", value: { elements } } }),
  map: (entries: { [key: string]: Value }): Value => ({
    kind: {
      $case: "mapValue",
      value: { entries: Object.entries(entries).map(([key, value]) => ({ key: v.str(key), value })) },
    },
  }),
  struct: (fields: { [name: string]: Value }): Value => ({
    kind: {
      $case: "structValue",
      value: { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) },
    },
  }),
  decimal: (text: string, scale: number): Value => LogicalDecimal.toValue(text, scale),
};

/**
 * A one-stage chain of `type` with its own keys (given without the `transforms.<alias>.` prefix), built
 * through the public config path, as a function from record to record.
 */
export function smt(type: string, config: { [key: string]: string } = {}): (r: Record) => Record | null {
  const chain = TransformChain.fromConfig({
    transforms: "t",
    "transforms.t.type": type,
    ...Object.fromEntries(Object.entries(config).map(([k, value]) => [`transforms.t.${k}`, value])),
  });
  return (r) => chain.apply(r);
}

/** The cause a TransformError wraps, for asserting a transform's own error. */
export function causeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return (e as Error).cause;
  }
  throw new Error("expected the transform to throw");
}
