import { NullValue, type Value } from "@connect-mesh/proto";

/**
 * The Data API has three spellings of null: no Value at all, a Value with no kind, and an explicit
 * `nullValue`. Converters accept all three and write the explicit one inside arrays, maps and structs, so
 * that a null field survives the wire and is not mistaken for an absent one (which would take its default).
 */
export function isNullValue(value: Value | undefined): boolean {
  return value?.kind === undefined || value.kind.$case === "nullValue";
}

/** An explicit null, for a position inside a container where a Value is needed. */
export function explicitNull(): Value {
  return { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } };
}
