import { NullValue, Schema, type SchemaType, type Value } from "@connect-mesh/proto";

/** Short ways to write Data API values and schemas in the converters' tests. */

export const int = (n: bigint | number): Value => ({ kind: { $case: "intValue", value: BigInt(n) } });
export const float = (n: number): Value => ({ kind: { $case: "floatValue", value: n } });
export const bool = (b: boolean): Value => ({ kind: { $case: "boolValue", value: b } });
export const str = (s: string): Value => ({ kind: { $case: "stringValue", value: s } });
export const bytes = (...b: number[]): Value => ({ kind: { $case: "bytesValue", value: Buffer.from(b) } });
export const array = (...elements: Value[]): Value => ({
  kind: { $case: "arrayValue", value: { elements } },
});
export const map = (...entries: [Value, Value][]): Value => ({
  kind: { $case: "mapValue", value: { entries: entries.map(([key, value]) => ({ key, value })) } },
});
export const struct = (fields: Record<string, Value>): Value => ({
  kind: {
    $case: "structValue",
    value: { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) },
  },
});
export const NULL: Value = { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } };

/** A schema of `type`, with anything else given. */
export const schemaOf = (type: SchemaType, extra: Parameters<typeof Schema.fromPartial>[0] = {}): Schema =>
  Schema.fromPartial({ type, ...extra });
