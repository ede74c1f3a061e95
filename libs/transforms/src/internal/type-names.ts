import { SchemaType } from "@connect-mesh/proto";

/** Connect's Schema.Type names, as its messages print them. */
export const TYPE_NAMES: ReadonlyMap<SchemaType, string> = new Map([
  [SchemaType.SCHEMA_TYPE_INT8, "INT8"],
  [SchemaType.SCHEMA_TYPE_INT16, "INT16"],
  [SchemaType.SCHEMA_TYPE_INT32, "INT32"],
  [SchemaType.SCHEMA_TYPE_INT64, "INT64"],
  [SchemaType.SCHEMA_TYPE_FLOAT32, "FLOAT32"],
  [SchemaType.SCHEMA_TYPE_FLOAT64, "FLOAT64"],
  [SchemaType.SCHEMA_TYPE_BOOLEAN, "BOOLEAN"],
  [SchemaType.SCHEMA_TYPE_STRING, "STRING"],
  [SchemaType.SCHEMA_TYPE_BYTES, "BYTES"],
  [SchemaType.SCHEMA_TYPE_ARRAY, "ARRAY"],
  [SchemaType.SCHEMA_TYPE_MAP, "MAP"],
  [SchemaType.SCHEMA_TYPE_STRUCT, "STRUCT"],
]);

/** A type's Connect name, e.g. "INT32". */
export function typeName(type: SchemaType): string {
  return TYPE_NAMES.get(type) ?? `type ${type}`;
}
