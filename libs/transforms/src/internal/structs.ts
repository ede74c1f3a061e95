import type { Field, StructValue, Value } from "@connect-mesh/proto";
import { isNull } from "./values.js";

/**
 * A struct field's value as Connect's Struct.get (withDefault) or getWithoutDefault reads it: a null or
 * absent field reads as its schema's default when `withDefault` is set and the schema has one. This is
 * what `replace.null.with.default` chooses between.
 */
export function fieldValue(struct: StructValue, field: Field, withDefault: boolean): Value | undefined {
  const value = struct.fields.find((f) => f.name === field.name)?.value;
  if (!isNull(value)) return value;
  return withDefault && !isNull(field.schema?.defaultValue) ? field.schema?.defaultValue : undefined;
}

/** A struct field's value by name, without defaults; undefined when absent or null. */
export function rawFieldValue(struct: StructValue, name: string): Value | undefined {
  const value = struct.fields.find((f) => f.name === name)?.value;
  return isNull(value) ? undefined : value;
}
