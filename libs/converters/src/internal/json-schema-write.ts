import { DataError } from "@connect-mesh/data";
import { type Schema, SchemaType } from "@connect-mesh/proto";
import type { JsonConverterSettings } from "../json-converter-config.js";
import { type JsonNode, jsonNumber, jsonObject, jsonString } from "./json-node.js";
import { valueToJson } from "./json-value-write.js";
import { isNullValue } from "./null-value.js";
import { requiredPart } from "./schema-part.js";
import { connectTypeName, jsonTypeName } from "./schema-type-names.js";
import { describePath, fieldPath, type ValuePath } from "./value-path.js";

type Member = [string, JsonNode];

/**
 * A schema in Connect's JSON schema format (JsonConverter.asJsonSchema), member for member and in the same
 * order, so the envelope's bytes match Connect's: "type", then "items" / "keys","values" / "fields", then
 * "optional", "name", "version", "doc", "parameters", "default". A struct field's schema gets its
 * "field" name last. Empty names, docs and parameters are left out, as Connect leaves out unset ones.
 *
 * @throws DataError for a schema with an invalid type or a missing nested schema.
 */
export function schemaToJson(schema: Schema, settings: JsonConverterSettings, path: ValuePath): JsonNode {
  return jsonObject(schemaMembers(schema, settings, path));
}

function schemaMembers(schema: Schema, settings: JsonConverterSettings, path: ValuePath): Member[] {
  const typeName = jsonTypeName(schema.type);
  if (typeName === undefined) {
    throw new DataError(`the schema of ${describePath(path)} has ${connectTypeName(schema.type)}`);
  }
  const members: Member[] = [["type", jsonString(typeName)]];
  switch (schema.type) {
    case SchemaType.SCHEMA_TYPE_ARRAY:
      members.push(["items", nested(schema.elementSchema, "elementSchema", schema, settings, path)]);
      break;
    case SchemaType.SCHEMA_TYPE_MAP:
      members.push(["keys", nested(schema.keySchema, "keySchema", schema, settings, path)]);
      members.push(["values", nested(schema.valueSchema, "valueSchema", schema, settings, path)]);
      break;
    case SchemaType.SCHEMA_TYPE_STRUCT:
      members.push([
        "fields",
        {
          kind: "array",
          items: schema.fields.map((field) => {
            const where = fieldPath(path, field.name);
            const fieldSchema = requiredPart(field.schema, "schema", schema, where);
            return jsonObject([
              ...schemaMembers(fieldSchema, settings, where),
              ["field", jsonString(field.name)],
            ]);
          }),
        },
      ]);
      break;
  }
  members.push(["optional", { kind: "boolean", value: schema.optional }]);
  if (schema.name !== "") members.push(["name", jsonString(schema.name)]);
  if (schema.version !== undefined) members.push(["version", jsonNumber(String(schema.version))]);
  if (schema.doc !== "") members.push(["doc", jsonString(schema.doc)]);
  const parameters = Object.entries(schema.parameters);
  if (parameters.length > 0) {
    members.push(["parameters", jsonObject(parameters.map(([k, v]) => [k, jsonString(v)]))]);
  }
  if (!isNullValue(schema.defaultValue)) {
    members.push(["default", valueToJson(schema, schema.defaultValue, settings, path)]);
  }
  return members;
}

function nested(
  part: Schema | undefined,
  name: string,
  schema: Schema,
  settings: JsonConverterSettings,
  path: ValuePath,
): JsonNode {
  return schemaToJson(requiredPart(part, name, schema, path), settings, path);
}
