import { connectTypeName } from "@connect-mesh/converters";
import { DataError } from "@connect-mesh/data";
import { type Record, type Schema, SchemaType, type StructValue, type Value } from "@connect-mesh/proto";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { copySchemaBasics, fieldSchema, withFields } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { isNull, structValue } from "../internal/values.js";
import type { Transformation } from "../transformation.js";

const PURPOSE = "flattening";

/** The field types Flatten copies as they are; STRUCT is flattened, and MAP is refused with a schema. */
const KEPT_TYPES = new Set([
  SchemaType.SCHEMA_TYPE_INT8,
  SchemaType.SCHEMA_TYPE_INT16,
  SchemaType.SCHEMA_TYPE_INT32,
  SchemaType.SCHEMA_TYPE_INT64,
  SchemaType.SCHEMA_TYPE_FLOAT32,
  SchemaType.SCHEMA_TYPE_FLOAT64,
  SchemaType.SCHEMA_TYPE_BOOLEAN,
  SchemaType.SCHEMA_TYPE_STRING,
  SchemaType.SCHEMA_TYPE_BYTES,
  SchemaType.SCHEMA_TYPE_ARRAY,
]);

/**
 * Flatten: lifts nested struct (or map) fields to the top level, naming each by its path joined with the
 * delimiter ("address.city"). Arrays are kept as they are. A flattened field is optional when any of its
 * parents is, and takes a parent's default when it has none. Null passes through.
 */
export const FLATTEN = keyValueTransformDefs("Flatten", {
  documentation:
    "Flatten a nested data structure, generating names for each field by concatenating the field names at each level with a configurable delimiter character. Applies to Struct when schema present, or a Map in the case of schemaless data. Array fields and their contents are not modified. The default delimiter is '.'.",
  keys: [
    {
      name: "delimiter",
      type: "string",
      defaultValue: ".",
      importance: "medium",
      documentation:
        "Delimiter to insert between field names from the input record when generating field names for the output record",
    },
  ],
  create: (config, side) => new Flatten(config.string("delimiter"), side),
});

class Flatten implements Transformation {
  constructor(
    private readonly delimiter: string,
    private readonly side: RecordSide,
  ) {}

  apply(record: Record): Record {
    const value = this.side.valueOf(record);
    if (isNull(value)) return record;
    const schema = this.side.schemaOf(record);
    if (schema === undefined) {
      const flat = SchemalessMap.empty();
      this.flattenMap(SchemalessMap.copyOf(requireMap(value, PURPOSE)), "", flat);
      return this.side.with(record, undefined, flat.toValue());
    }
    const struct = requireStruct(value, PURPOSE);
    const fields: Array<readonly [string, Schema]> = [];
    this.flattenSchema(schema, "", schema.optional, defaultStruct(schema), fields);
    const values: Array<readonly [string, Value | undefined]> = [];
    this.flattenStruct(struct, schema, "", values);
    const updatedSchema = withFields(copySchemaBasics(schema, SchemaType.SCHEMA_TYPE_STRUCT), fields);
    return this.side.with(record, updatedSchema, structValue(values));
  }

  private name(prefix: string, name: string): string {
    return prefix === "" ? name : `${prefix}${this.delimiter}${name}`;
  }

  private flattenMap(map: SchemalessMap, prefix: string, flat: SchemalessMap): void {
    for (const [key, value] of map.stringEntries()) {
      const name = this.name(prefix, key);
      if (value?.kind?.$case === "mapValue")
        this.flattenMap(SchemalessMap.copyOf(value.kind.value), name, flat);
      else if (value?.kind?.$case === "structValue") {
        throw new DataError(
          `Flatten transformation does not support Struct for record without schemas (for field ${name}).`,
        );
      } else flat.set(name, value);
    }
  }

  private flattenSchema(
    schema: Schema,
    prefix: string,
    optional: boolean,
    parentDefault: StructValue | undefined,
    out: Array<readonly [string, Schema]>,
  ): void {
    for (const field of schema.fields) {
      const name = this.name(prefix, field.name);
      const original = fieldSchema(field);
      const isOptional = optional || original.optional;
      const defaultValue = !isNull(original.defaultValue)
        ? original.defaultValue
        : parentDefault && fieldValue(parentDefault, field, true);
      if (original.type === SchemaType.SCHEMA_TYPE_STRUCT) {
        const nestedDefault =
          defaultValue?.kind?.$case === "structValue" ? defaultValue.kind.value : undefined;
        this.flattenSchema(original, name, isOptional, nestedDefault, out);
      } else if (KEPT_TYPES.has(original.type)) {
        out.push([
          name,
          { ...copySchemaBasics(original), optional: isOptional, defaultValue: defaultValue ?? undefined },
        ]);
      } else {
        throw unsupported(original.type, name);
      }
    }
  }

  private flattenStruct(
    struct: StructValue | undefined,
    schema: Schema,
    prefix: string,
    out: Array<readonly [string, Value | undefined]>,
  ): void {
    for (const field of schema.fields) {
      const name = this.name(prefix, field.name);
      const original = fieldSchema(field);
      const value = struct && fieldValue(struct, field, true);
      if (original.type === SchemaType.SCHEMA_TYPE_STRUCT) {
        this.flattenStruct(isNull(value) ? undefined : requireStruct(value, PURPOSE), original, name, out);
      } else if (KEPT_TYPES.has(original.type)) {
        out.push([name, value]);
      } else {
        throw unsupported(original.type, name);
      }
    }
  }
}

function defaultStruct(schema: Schema): StructValue | undefined {
  return schema.defaultValue?.kind?.$case === "structValue" ? schema.defaultValue.kind.value : undefined;
}

function unsupported(type: SchemaType, name: string): DataError {
  return new DataError(
    `Flatten transformation does not support ${connectTypeName(type)} for record with schemas (for field ${name}).`,
  );
}
