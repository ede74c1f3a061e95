import { DataError } from "@connect-mesh/data";
import type { MapValue, Schema, StructValue, Value } from "@connect-mesh/proto";
import { kindName } from "./values.js";

/** Connect's Requirements.requireStruct, with its message. */
export function requireStruct(value: Value | undefined, purpose: string): StructValue {
  if (value?.kind?.$case === "structValue") return value.kind.value;
  throw new DataError(`Only Struct objects supported for [${purpose}], found: ${kindName(value)}`);
}

/** Connect's Requirements.requireMap: schemaless data must be a map. */
export function requireMap(value: Value | undefined, purpose: string): MapValue {
  if (value?.kind?.$case === "mapValue") return value.kind.value;
  throw new DataError(
    `Only Map objects supported in absence of schema for [${purpose}], found: ${kindName(value)}`,
  );
}

/** Connect's Requirements.requireSchema. */
export function requireSchema(schema: Schema | undefined, purpose: string): Schema {
  if (schema === undefined) throw new DataError(`Schema required for [${purpose}]`);
  return schema;
}
