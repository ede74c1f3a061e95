import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
} from "@connect-mesh/connector-sdk";
import { type Schema, SchemaType } from "@connect-mesh/proto";

/** One field's mapping, as the engines' `_mapping` API takes it. */
export interface FieldMapping {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, FieldMapping>>;
  readonly fields?: Readonly<Record<string, FieldMapping>>;
  readonly ignore_above?: number;
}

/** The engine type of each primitive schema type. */
const PRIMITIVE_TYPES: ReadonlyMap<SchemaType, string> = new Map([
  [SchemaType.SCHEMA_TYPE_INT8, "byte"],
  [SchemaType.SCHEMA_TYPE_INT16, "short"],
  [SchemaType.SCHEMA_TYPE_INT32, "integer"],
  [SchemaType.SCHEMA_TYPE_INT64, "long"],
  [SchemaType.SCHEMA_TYPE_FLOAT32, "float"],
  [SchemaType.SCHEMA_TYPE_FLOAT64, "double"],
  [SchemaType.SCHEMA_TYPE_BOOLEAN, "boolean"],
  [SchemaType.SCHEMA_TYPE_BYTES, "binary"],
]);

/** Logical types by name, mapped as the documents `documentJson` writes hold them. */
const LOGICAL_TYPES: ReadonlyMap<string, string> = new Map([
  [LogicalTimestamp.name, "date"],
  [LogicalDate.name, "date"],
  [LogicalTime.name, "date"],
  [LogicalDecimal.name, "double"],
]);

/**
 * The mapping of an index whose documents are values of `schema`, made as Confluent's connector makes it:
 * Timestamp, Date and Time as `date` (their epoch milliseconds), Decimal as `double`, strings as `text`
 * with a `keyword` sub-field for sorting and aggregating, structs as objects of their fields, arrays as
 * their elements. A map with string keys is an object left to dynamic mapping (its keys are data, not
 * fields); one with other keys is a list of key/value objects, as `documentJson` writes it.
 * A document is an object, so only a STRUCT or MAP schema can be mapped; anything else is a FatalError.
 */
export function indexMappingFor(schema: Schema, topic: string): FieldMapping {
  if (schema.type !== SchemaType.SCHEMA_TYPE_STRUCT && schema.type !== SchemaType.SCHEMA_TYPE_MAP) {
    throw new FatalError(
      `the values of topic "${topic}" have a ${SchemaType[schema.type]} schema, but a document must be an ` +
        "object (a STRUCT or a MAP); route the topic through a transform such as HoistField, or set schema.ignore=true",
    );
  }
  if (schema.type === SchemaType.SCHEMA_TYPE_MAP) {
    if (schema.keySchema?.type !== SchemaType.SCHEMA_TYPE_STRING) {
      throw new FatalError(
        `the values of topic "${topic}" are maps without string keys, which become arrays of key/value ` +
          "objects, but a document must be an object; use string keys, or wrap the value with HoistField",
      );
    }
    // A map with string keys holds data in its keys, not fields: the engine maps what arrives.
    return {};
  }
  return fieldMapping(schema) ?? {};
}

/** A value's mapping; undefined leaves it to dynamic mapping (the engine maps it from the first value). */
function fieldMapping(schema: Schema | undefined): FieldMapping | undefined {
  if (schema === undefined) return undefined;
  const logical = LOGICAL_TYPES.get(schema.name);
  if (logical !== undefined) return { type: logical };
  switch (schema.type) {
    case SchemaType.SCHEMA_TYPE_STRING:
      return { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } };
    case SchemaType.SCHEMA_TYPE_ARRAY:
      // The engines have no array type: a field holds one value or many of the same mapping.
      return fieldMapping(schema.elementSchema);
    case SchemaType.SCHEMA_TYPE_MAP:
      return mapMapping(schema);
    case SchemaType.SCHEMA_TYPE_STRUCT:
      return propertiesOf(schema.fields.map((field) => [field.name, fieldMapping(field.schema)]));
    default: {
      const type = PRIMITIVE_TYPES.get(schema.type);
      return type === undefined ? undefined : { type };
    }
  }
}

function mapMapping(schema: Schema): FieldMapping {
  if (schema.keySchema?.type === SchemaType.SCHEMA_TYPE_STRING) return { type: "object" };
  return propertiesOf([
    ["key", fieldMapping(schema.keySchema)],
    ["value", fieldMapping(schema.valueSchema)],
  ]);
}

/** An object's mapping with the fields that have one. */
function propertiesOf(fields: readonly (readonly [string, FieldMapping | undefined])[]): FieldMapping {
  const properties: Record<string, FieldMapping> = {};
  for (const [name, mapping] of fields) if (mapping !== undefined) properties[name] = mapping;
  return { properties };
}
