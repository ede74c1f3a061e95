import { type Field, Schema, SchemaType } from "@connect-mesh/proto";

/**
 * Connect's SchemaUtil.copySchemaBasics: a new schema of `type` with the source's name, version, doc and
 * parameters, and nothing else. It is neither optional nor has a default, as in Connect (transforms that
 * keep those set them again). An ARRAY keeps its element schema.
 */
export function copySchemaBasics(source: Schema, type: SchemaType = source.type): Schema {
  return {
    type,
    optional: false,
    name: source.name,
    version: source.version,
    doc: source.doc,
    parameters: { ...source.parameters },
    fields: [],
    keySchema: undefined,
    valueSchema: undefined,
    elementSchema:
      type === SchemaType.SCHEMA_TYPE_ARRAY && source.type === SchemaType.SCHEMA_TYPE_ARRAY
        ? source.elementSchema
        : undefined,
    defaultValue: undefined,
  };
}

/** `base` (a STRUCT) with these fields, indexed in order. */
export function withFields(base: Schema, fields: Iterable<readonly [string, Schema]>): Schema {
  return {
    ...base,
    fields: Array.from(fields, ([name, schema], index) => ({ name, index, schema })),
  };
}

/** A struct schema with no name, as Connect's SchemaBuilder.struct() builds it. */
export function structSchema(fields: Iterable<readonly [string, Schema]>): Schema {
  return withFields(plainSchema(SchemaType.SCHEMA_TYPE_STRUCT, false), fields);
}

/** A schema of a type with nothing but its optionality (Connect's Schema.INT32_SCHEMA and friends). */
export function plainSchema(type: SchemaType, optional: boolean): Schema {
  return Schema.fromPartial({ type, optional });
}

/** The named field of a struct schema (Connect's Schema.field), or undefined. */
export function fieldOf(schema: Schema, name: string): Field | undefined {
  return schema.fields.find((field) => field.name === name);
}

/** A field's schema; the contract requires one, so a missing one is a broken schema. */
export function fieldSchema(field: Field): Schema {
  if (field.schema === undefined) throw new Error(`field "${field.name}" has no schema`);
  return field.schema;
}
