import { DataError, LogicalDecimal, LogicalTime } from "@connect-mesh/data";
import { type MapEntry, type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type { JsonConverterSettings } from "../json-converter-config.js";
import { decodeBase64 } from "./base64.js";
import { decimalScale } from "./decimal-scale.js";
import { plainDecimalText } from "./decimal-text.js";
import { checkTimeOfDay, fitsIntType } from "./int-ranges.js";
import { describeJson, isIntegralText, type JsonNode } from "./json-node.js";
import { explicitNull, isNullValue } from "./null-value.js";
import { requiredPart } from "./schema-part.js";
import { connectTypeName } from "./schema-type-names.js";
import { describePath, elementPath, fieldPath, type ValuePath } from "./value-path.js";

/** The strings Connect writes for non-finite floats (see floatToJson), read back as the numbers. */
const NON_FINITE: ReadonlyMap<string, number> = new Map([
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
]);

/**
 * Converts JSON to a Data API value as Connect's JsonConverter.convertToConnect does, with the schema when
 * there is one and by inference when there is not. Returns undefined for null. `node` is undefined when a
 * struct field is absent from the JSON, which reads like null.
 *
 * Connect coerces quietly where it can (a string read as BOOLEAN is false, 300 read as INT8 wraps to 44);
 * here a JSON value that does not fit its schema is an error naming the field, since a quiet coercion
 * writes wrong data downstream.
 *
 * @throws DataError naming the path of a value that does not fit its schema.
 */
export function valueFromJson(
  schema: Schema | undefined,
  node: JsonNode | undefined,
  settings: JsonConverterSettings,
  path: ValuePath,
): Value | undefined {
  if (schema === undefined) return inferValue(node, path);
  if (node === undefined || node.kind === "null") return nullFromJson(schema, node, settings, path);
  if (schema.name === LogicalDecimal.name) return decimalFromJson(schema, node, path);
  switch (schema.type) {
    case SchemaType.SCHEMA_TYPE_INT8:
    case SchemaType.SCHEMA_TYPE_INT16:
    case SchemaType.SCHEMA_TYPE_INT32:
    case SchemaType.SCHEMA_TYPE_INT64: {
      const n = intFromJson(schema.type, node, path);
      if (schema.name === LogicalTime.name) checkTimeOfDay(n, describePath(path));
      return { kind: { $case: "intValue", value: n } };
    }
    case SchemaType.SCHEMA_TYPE_FLOAT32:
    case SchemaType.SCHEMA_TYPE_FLOAT64: {
      const n = floatFromJson(node, schema, path);
      return {
        kind: {
          $case: "floatValue",
          value: schema.type === SchemaType.SCHEMA_TYPE_FLOAT32 ? Math.fround(n) : n,
        },
      };
    }
    case SchemaType.SCHEMA_TYPE_BOOLEAN:
      if (node.kind !== "boolean") throw mismatch(schema, "a boolean", node, path);
      return { kind: { $case: "boolValue", value: node.value } };
    case SchemaType.SCHEMA_TYPE_STRING:
      if (node.kind !== "string") throw mismatch(schema, "a string", node, path);
      return { kind: { $case: "stringValue", value: node.value } };
    case SchemaType.SCHEMA_TYPE_BYTES:
      if (node.kind !== "string") throw mismatch(schema, "a base64 string", node, path);
      return { kind: { $case: "bytesValue", value: decodeBase64(node.value, describePath(path)) } };
    case SchemaType.SCHEMA_TYPE_ARRAY:
      return arrayFromJson(schema, node, settings, path);
    case SchemaType.SCHEMA_TYPE_MAP:
      return mapFromJson(schema, node, settings, path);
    case SchemaType.SCHEMA_TYPE_STRUCT:
      return structFromJson(schema, node, settings, path);
    default:
      throw new DataError(`${describePath(path)} has ${connectTypeName(schema.type)}, which cannot be read`);
  }
}

/**
 * A null or absent value takes the schema's default when `replace.null.with.default` allows, stays null
 * when the schema is optional, and is an error when the schema requires a value.
 */
function nullFromJson(
  schema: Schema,
  node: JsonNode | undefined,
  settings: JsonConverterSettings,
  path: ValuePath,
): Value | undefined {
  if (settings.replaceNullWithDefault && !isNullValue(schema.defaultValue)) return schema.defaultValue;
  if (schema.optional) return undefined;
  const what = node === undefined ? "missing from the JSON" : "null";
  throw new DataError(
    `${describePath(path)} is ${what}, but its ${connectTypeName(schema.type)} schema is required and has no default`,
  );
}

function intFromJson(type: SchemaType, node: JsonNode, path: ValuePath): bigint {
  const name = connectTypeName(type);
  if (node.kind !== "number" || !isIntegralText(node.text)) {
    throw new DataError(
      `${describePath(path)} should be an ${name} (a whole number), not ${describeJson(node)}`,
    );
  }
  const n = BigInt(node.text);
  if (!fitsIntType(n, type))
    throw new DataError(`${describePath(path)} is ${node.text}, which does not fit an ${name}`);
  return n;
}

function floatFromJson(node: JsonNode, schema: Schema, path: ValuePath): number {
  if (node.kind === "number") return Number(node.text);
  const nonFinite = node.kind === "string" ? NON_FINITE.get(node.value) : undefined;
  if (nonFinite === undefined) throw mismatch(schema, "a number", node, path);
  return nonFinite;
}

/**
 * A Decimal may arrive in either format, whatever `decimal.format` says (it only governs writing), as in
 * Connect: a base64 string of the unscaled bytes, or a number, which must fit the schema's scale. The
 * schema's scale must be valid either way, as Connect's Decimal.toLogical requires.
 */
function decimalFromJson(schema: Schema, node: JsonNode, path: ValuePath): Value {
  const scale = decimalScale(schema, `the Decimal schema of ${describePath(path)}`);
  if (node.kind === "string") {
    const bytes = decodeBase64(node.value, describePath(path));
    if (bytes.length === 0) throw new DataError(`${describePath(path)} is a Decimal with no bytes`);
    return { kind: { $case: "bytesValue", value: bytes } };
  }
  if (node.kind !== "number") {
    throw new DataError(
      `${describePath(path)} should be a Decimal (a number or base64), not ${describeJson(node)}`,
    );
  }
  if (scale < 0) {
    throw new DataError(
      `${describePath(path)} is a Decimal number of negative scale ${scale}, which can only be read as base64`,
    );
  }
  try {
    return LogicalDecimal.toValue(plainDecimalText(node.text, scale), scale);
  } catch (e) {
    throw new DataError(
      `${describePath(path)} is not a valid Decimal: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}

function arrayFromJson(
  schema: Schema,
  node: JsonNode,
  settings: JsonConverterSettings,
  path: ValuePath,
): Value {
  if (node.kind !== "array") throw mismatch(schema, "an array", node, path);
  const elementSchema = requiredPart(schema.elementSchema, "elementSchema", schema, path);
  const elements = node.items.map(
    (item, i) => valueFromJson(elementSchema, item, settings, elementPath(path, i)) ?? explicitNull(),
  );
  return { kind: { $case: "arrayValue", value: { elements } } };
}

/** The inverse of mapToJson: an object for STRING keys, otherwise an array of [key, value] pairs. */
function mapFromJson(
  schema: Schema,
  node: JsonNode,
  settings: JsonConverterSettings,
  path: ValuePath,
): Value {
  const keySchema = requiredPart(schema.keySchema, "keySchema", schema, path);
  const valueSchema = requiredPart(schema.valueSchema, "valueSchema", schema, path);
  const entries: MapEntry[] = [];
  if (keySchema.type === SchemaType.SCHEMA_TYPE_STRING) {
    if (node.kind !== "object") throw mismatch(schema, "an object (its keys are strings)", node, path);
    for (const [key, member] of node.members) {
      const value = valueFromJson(valueSchema, member, settings, fieldPath(path, key)) ?? explicitNull();
      entries.push({ key: { kind: { $case: "stringValue", value: key } }, value });
    }
  } else {
    if (node.kind !== "array") throw mismatch(schema, "an array of [key, value] pairs", node, path);
    node.items.forEach((pair, i) => {
      const where = elementPath(path, i);
      if (pair.kind !== "array" || pair.items.length !== 2) {
        throw new DataError(
          `${describePath(where)} should be a [key, value] pair, not ${describeJson(pair)}`,
        );
      }
      const [keyNode, valueNode] = pair.items;
      entries.push({
        key: valueFromJson(keySchema, keyNode, settings, where) ?? explicitNull(),
        value: valueFromJson(valueSchema, valueNode, settings, where) ?? explicitNull(),
      });
    });
  }
  return { kind: { $case: "mapValue", value: { entries } } };
}

/**
 * Reads the schema's fields in the schema's order; members the schema does not declare are ignored, as
 * Connect ignores them. Every field is set, a null one explicitly, so that a null is not mistaken later
 * for an absent field and given its default.
 */
function structFromJson(
  schema: Schema,
  node: JsonNode,
  settings: JsonConverterSettings,
  path: ValuePath,
): Value {
  if (node.kind !== "object") throw mismatch(schema, "an object", node, path);
  const fields = schema.fields.map((field) => {
    const where = fieldPath(path, field.name);
    const fieldSchema = requiredPart(field.schema, "schema", schema, where);
    const value = valueFromJson(fieldSchema, node.members.get(field.name), settings, where) ?? explicitNull();
    return { name: field.name, value };
  });
  return { kind: { $case: "structValue", value: { fields } } };
}

/**
 * Connect's schemaless reading: integers (no fraction, no exponent) are INT64, other numbers FLOAT64,
 * objects maps with string keys, arrays arrays. An integer beyond INT64 is an error, where Connect would
 * wrap it silently.
 */
function inferValue(node: JsonNode | undefined, path: ValuePath): Value | undefined {
  switch (node?.kind) {
    case undefined:
    case "null":
      return undefined;
    case "boolean":
      return { kind: { $case: "boolValue", value: node.value } };
    case "number": {
      if (!isIntegralText(node.text)) return { kind: { $case: "floatValue", value: Number(node.text) } };
      const n = BigInt(node.text);
      if (!fitsIntType(n, SchemaType.SCHEMA_TYPE_INT64)) {
        throw new DataError(`${describePath(path)} is ${node.text}, which does not fit an INT64`);
      }
      return { kind: { $case: "intValue", value: n } };
    }
    case "string":
      return { kind: { $case: "stringValue", value: node.value } };
    case "array": {
      const elements = node.items.map((item, i) => inferValue(item, elementPath(path, i)) ?? explicitNull());
      return { kind: { $case: "arrayValue", value: { elements } } };
    }
    case "object": {
      const entries = [...node.members].map(([key, member]) => ({
        key: { kind: { $case: "stringValue", value: key } } satisfies Value,
        value: inferValue(member, fieldPath(path, key)) ?? explicitNull(),
      }));
      return { kind: { $case: "mapValue", value: { entries } } };
    }
  }
}

function mismatch(schema: Schema, expected: string, node: JsonNode, path: ValuePath): DataError {
  return new DataError(
    `${describePath(path)} should be ${expected} for its ${connectTypeName(schema.type)} schema, not ${describeJson(node)}`,
  );
}
