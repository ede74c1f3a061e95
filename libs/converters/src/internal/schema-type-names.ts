import { SchemaType } from "@connect-mesh/proto";

/** Connect's Schema.Type names, for error messages that read like Connect's ("INT32", "STRUCT"). */
const CONNECT_NAMES: ReadonlyMap<SchemaType, string> = new Map([
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

/** The Connect name of a schema type, or a description of an invalid one. */
export function connectTypeName(type: SchemaType): string {
  return CONNECT_NAMES.get(type) ?? `an invalid schema type (${type})`;
}

/** The type names of Connect's JSON schema format (JsonSchema.*_TYPE_NAME); FLOAT32 is "float", FLOAT64 "double". */
const JSON_NAMES: ReadonlyMap<SchemaType, string> = new Map([
  [SchemaType.SCHEMA_TYPE_INT8, "int8"],
  [SchemaType.SCHEMA_TYPE_INT16, "int16"],
  [SchemaType.SCHEMA_TYPE_INT32, "int32"],
  [SchemaType.SCHEMA_TYPE_INT64, "int64"],
  [SchemaType.SCHEMA_TYPE_FLOAT32, "float"],
  [SchemaType.SCHEMA_TYPE_FLOAT64, "double"],
  [SchemaType.SCHEMA_TYPE_BOOLEAN, "boolean"],
  [SchemaType.SCHEMA_TYPE_STRING, "string"],
  [SchemaType.SCHEMA_TYPE_BYTES, "bytes"],
  [SchemaType.SCHEMA_TYPE_ARRAY, "array"],
  [SchemaType.SCHEMA_TYPE_MAP, "map"],
  [SchemaType.SCHEMA_TYPE_STRUCT, "struct"],
]);

const TYPES_BY_JSON_NAME: ReadonlyMap<string, SchemaType> = new Map(
  [...JSON_NAMES].map(([type, name]) => [name, type]),
);

/** The JSON schema format's name for a type, or undefined for an invalid type. */
export function jsonTypeName(type: SchemaType): string | undefined {
  return JSON_NAMES.get(type);
}

/** The type a JSON schema format name stands for, or undefined for an unknown name. */
export function schemaTypeFromJsonName(name: string): SchemaType | undefined {
  return TYPES_BY_JSON_NAME.get(name);
}
