import { DataError, LogicalDecimal, LogicalTime } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type { JsonConverterSettings } from "../json-converter-config.js";
import { encodeBase64 } from "./base64.js";
import { decimalScale } from "./decimal-scale.js";
import { checkTimeOfDay, fitsIntType } from "./int-ranges.js";
import { javaDoubleText, javaFloatText } from "./java-number-text.js";
import { javaDecimalText } from "./java-scalar-text.js";
import { JSON_NULL, type JsonNode, jsonNumber, jsonObject, jsonString } from "./json-node.js";
import { isNullValue } from "./null-value.js";
import { requiredPart } from "./schema-part.js";
import { connectTypeName } from "./schema-type-names.js";
import { describePath, elementPath, fieldPath, type ValuePath } from "./value-path.js";

type Kind = NonNullable<Value["kind"]>;

/**
 * Converts a value to JSON as Connect's JsonConverter.convertToJson does: the schema, when there is one,
 * decides the JSON shape; without one the value's own kind does.
 *
 * @throws DataError naming the path of a value that does not fit its schema.
 */
export function valueToJson(
  schema: Schema | undefined,
  value: Value | undefined,
  settings: JsonConverterSettings,
  path: ValuePath,
): JsonNode {
  const kind = value?.kind;
  if (kind === undefined || kind.$case === "nullValue") return nullToJson(schema, settings, path);
  if (schema === undefined) return schemalessToJson(kind, settings, path);
  if (schema.name === LogicalDecimal.name) return decimalToJson(schema, kind, settings, path);
  switch (schema.type) {
    case SchemaType.SCHEMA_TYPE_INT8:
    case SchemaType.SCHEMA_TYPE_INT16:
    case SchemaType.SCHEMA_TYPE_INT32:
    case SchemaType.SCHEMA_TYPE_INT64: {
      if (kind.$case !== "intValue") throw mismatch(schema, kind, "intValue", path);
      if (!fitsIntType(kind.value, schema.type)) {
        throw new DataError(
          `${describePath(path)} is ${kind.value}, which does not fit its ${connectTypeName(schema.type)} schema`,
        );
      }
      if (schema.name === LogicalTime.name) checkTimeOfDay(kind.value, describePath(path));
      return jsonNumber(kind.value.toString());
    }
    case SchemaType.SCHEMA_TYPE_FLOAT32:
    case SchemaType.SCHEMA_TYPE_FLOAT64:
      if (kind.$case !== "floatValue") throw mismatch(schema, kind, "floatValue", path);
      return floatToJson(kind.value, schema.type === SchemaType.SCHEMA_TYPE_FLOAT32);
    case SchemaType.SCHEMA_TYPE_BOOLEAN:
      if (kind.$case !== "boolValue") throw mismatch(schema, kind, "boolValue", path);
      return { kind: "boolean", value: kind.value };
    case SchemaType.SCHEMA_TYPE_STRING:
      if (kind.$case !== "stringValue") throw mismatch(schema, kind, "stringValue", path);
      return jsonString(kind.value);
    case SchemaType.SCHEMA_TYPE_BYTES:
      if (kind.$case !== "bytesValue") throw mismatch(schema, kind, "bytesValue", path);
      return jsonString(encodeBase64(kind.value));
    case SchemaType.SCHEMA_TYPE_ARRAY:
      return arrayToJson(schema, kind, settings, path);
    case SchemaType.SCHEMA_TYPE_MAP:
      return mapToJson(schema, kind, settings, path);
    case SchemaType.SCHEMA_TYPE_STRUCT:
      return structToJson(schema, kind, settings, path);
    default:
      throw new DataError(
        `${describePath(path)} has ${connectTypeName(schema.type)}, which cannot be written`,
      );
  }
}

/**
 * A null becomes the schema's default when `replace.null.with.default` allows, JSON null when the schema
 * is optional (or absent: anything may be null then), and an error when the schema requires a value.
 */
function nullToJson(schema: Schema | undefined, settings: JsonConverterSettings, path: ValuePath): JsonNode {
  if (schema === undefined) return JSON_NULL;
  if (settings.replaceNullWithDefault && !isNullValue(schema.defaultValue)) {
    return valueToJson(schema, schema.defaultValue, settings, path);
  }
  if (schema.optional) return JSON_NULL;
  throw new DataError(
    `${describePath(path)} is null, but its ${connectTypeName(schema.type)} schema is required and has no default`,
  );
}

/**
 * Connect prints NaN and the infinities as the strings "NaN", "Infinity" and "-Infinity" (Jackson's
 * WRITE_NAN_AS_STRINGS, on by default), since JSON numbers cannot hold them.
 */
function floatToJson(value: number, isFloat32: boolean): JsonNode {
  const text = isFloat32 ? javaFloatText(value) : javaDoubleText(value);
  return Number.isFinite(value) ? jsonNumber(text) : jsonString(text);
}

function decimalToJson(
  schema: Schema,
  kind: Kind,
  settings: JsonConverterSettings,
  path: ValuePath,
): JsonNode {
  if (kind.$case !== "bytesValue") throw mismatch(schema, kind, "bytesValue", path);
  // Connect's Decimal.fromLogical needs a valid scale even to write the bytes as they are.
  decimalScale(schema, `the Decimal schema of ${describePath(path)}`);
  if (settings.decimalFormat === "BASE64") return jsonString(encodeBase64(kind.value));
  // Jackson writes a BigDecimal as its toString, which is JSON number syntax (1.5E+400 included).
  return jsonNumber(javaDecimalText(schema, kind.value));
}

function arrayToJson(schema: Schema, kind: Kind, settings: JsonConverterSettings, path: ValuePath): JsonNode {
  if (kind.$case !== "arrayValue") throw mismatch(schema, kind, "arrayValue", path);
  const elementSchema = requiredPart(schema.elementSchema, "elementSchema", schema, path);
  return {
    kind: "array",
    items: kind.value.elements.map((e, i) => valueToJson(elementSchema, e, settings, elementPath(path, i))),
  };
}

/**
 * Maps with STRING keys are JSON objects; maps with any other key type are arrays of [key, value] pairs,
 * since JSON object names can only be strings. This is Connect's layout.
 */
function mapToJson(schema: Schema, kind: Kind, settings: JsonConverterSettings, path: ValuePath): JsonNode {
  if (kind.$case !== "mapValue") throw mismatch(schema, kind, "mapValue", path);
  const keySchema = requiredPart(schema.keySchema, "keySchema", schema, path);
  const valueSchema = requiredPart(schema.valueSchema, "valueSchema", schema, path);
  const entries = kind.value.entries;
  if (keySchema.type !== SchemaType.SCHEMA_TYPE_STRING) {
    return {
      kind: "array",
      items: entries.map((entry, i) => ({
        kind: "array",
        items: [
          valueToJson(keySchema, entry.key, settings, elementPath(path, i)),
          valueToJson(valueSchema, entry.value, settings, elementPath(path, i)),
        ],
      })),
    };
  }
  return jsonObject(
    entries.map((entry, i) => {
      const key = valueToJson(keySchema, entry.key, settings, elementPath(path, i));
      if (key.kind !== "string") {
        throw new DataError(`${describePath(elementPath(path, i))} is a map entry with a null key`);
      }
      return [key.value, valueToJson(valueSchema, entry.value, settings, fieldPath(path, key.value))];
    }),
  );
}

/**
 * Writes every field of the schema, in the schema's order; a field the value leaves out is null (and so
 * takes its default). A field the schema does not declare is an error, like Connect's "Mismatching schema".
 */
function structToJson(
  schema: Schema,
  kind: Kind,
  settings: JsonConverterSettings,
  path: ValuePath,
): JsonNode {
  if (kind.$case !== "structValue") throw mismatch(schema, kind, "structValue", path);
  const values = new Map(kind.value.fields.map((f) => [f.name, f.value]));
  const declared = new Set(schema.fields.map((f) => f.name));
  const undeclared = [...values.keys()].find((name) => !declared.has(name));
  if (undeclared !== undefined) {
    throw new DataError(
      `${describePath(fieldPath(path, undeclared))} is set, but the struct's schema has no such field`,
    );
  }
  return jsonObject(
    schema.fields.map((field) => {
      const where = fieldPath(path, field.name);
      const fieldSchema = requiredPart(field.schema, "schema", schema, where);
      return [field.name, valueToJson(fieldSchema, values.get(field.name), settings, where)];
    }),
  );
}

/**
 * Without a schema the kind decides, as Connect decides by the Java class. A struct cannot be written
 * without its schema, in Connect as here: its field types would be lost.
 */
function schemalessToJson(kind: Kind, settings: JsonConverterSettings, path: ValuePath): JsonNode {
  switch (kind.$case) {
    case "nullValue":
      return JSON_NULL;
    case "boolValue":
      return { kind: "boolean", value: kind.value };
    case "intValue":
      return jsonNumber(kind.value.toString());
    case "floatValue":
      return floatToJson(kind.value, false);
    case "stringValue":
      return jsonString(kind.value);
    case "bytesValue":
      return jsonString(encodeBase64(kind.value));
    case "arrayValue":
      return {
        kind: "array",
        items: kind.value.elements.map((e, i) => valueToJson(undefined, e, settings, elementPath(path, i))),
      };
    case "mapValue":
      return schemalessMapToJson(kind.value.entries, settings, path);
    case "structValue":
      throw new DataError(`${describePath(path)} is a struct without a schema; a struct needs its schema`);
  }
}

/** Connect writes a schemaless map as an object only when every key is a string. */
function schemalessMapToJson(
  entries: readonly { key: Value | undefined; value: Value | undefined }[],
  settings: JsonConverterSettings,
  path: ValuePath,
): JsonNode {
  const stringKeys = entries.map((e) =>
    e.key?.kind?.$case === "stringValue" ? e.key.kind.value : undefined,
  );
  if (stringKeys.every((k) => k !== undefined)) {
    return jsonObject(
      entries.map((e, i) => {
        const key = stringKeys[i] ?? "";
        return [key, valueToJson(undefined, e.value, settings, fieldPath(path, key))];
      }),
    );
  }
  return {
    kind: "array",
    items: entries.map((e, i) => ({
      kind: "array",
      items: [
        valueToJson(undefined, e.key, settings, elementPath(path, i)),
        valueToJson(undefined, e.value, settings, elementPath(path, i)),
      ],
    })),
  };
}

function mismatch(schema: Schema, kind: Kind, expected: Kind["$case"], path: ValuePath): DataError {
  return new DataError(
    `${describePath(path)} should be ${expected} for its ${connectTypeName(schema.type)} schema, not ${kind.$case}`,
  );
}
