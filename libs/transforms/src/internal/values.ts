import { NullValue, type Value } from "@connect-mesh/proto";

/**
 * Building and reading the contract's Values. Null has three spellings (no Value, a Value with no kind, an
 * explicit nullValue); transforms accept all three and write the explicit one inside structs, maps and
 * arrays, as the converters do.
 */
export function isNull(value: Value | undefined): value is undefined {
  return value?.kind === undefined || value.kind.$case === "nullValue";
}

/** An explicit null. */
export const NULL_VALUE: Value = { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } };

/** `value`, or an explicit null in its place. */
export function orNull(value: Value | undefined): Value {
  return isNull(value) ? NULL_VALUE : value;
}

export function intValue(value: bigint): Value {
  return { kind: { $case: "intValue", value } };
}

export function floatValue(value: number): Value {
  return { kind: { $case: "floatValue", value } };
}

export function stringValue(value: string): Value {
  return { kind: { $case: "stringValue", value } };
}

export function boolValue(value: boolean): Value {
  return { kind: { $case: "boolValue", value } };
}

export function bytesValue(value: Buffer): Value {
  return { kind: { $case: "bytesValue", value } };
}

/** A struct value from its fields in schema order; an undefined field value becomes an explicit null. */
export function structValue(fields: Iterable<readonly [string, Value | undefined]>): Value {
  return {
    kind: {
      $case: "structValue",
      value: { fields: Array.from(fields, ([name, value]) => ({ name, value: orNull(value) })) },
    },
  };
}

/** How a value's kind is named in messages ("null" for any null). */
export function kindName(value: Value | undefined): string {
  return isNull(value) ? "null" : (value.kind?.$case ?? "null");
}
