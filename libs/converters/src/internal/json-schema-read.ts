import { DataError } from "@connect-mesh/data";
import { type Field, type Schema, SchemaType } from "@connect-mesh/proto";
import type { JsonConverterSettings } from "../json-converter-config.js";
import { describeJson, isIntegralText, type JsonNode } from "./json-node.js";
import { valueFromJson } from "./json-value-read.js";
import { schemaTypeFromJsonName } from "./schema-type-names.js";
import { describePath, fieldPath, type ValuePath } from "./value-path.js";

type JsonObject = Extract<JsonNode, { kind: "object" }>;

/**
 * Reads a schema in Connect's JSON schema format (JsonConverter.asConnectSchema). Optional members are
 * read leniently, as Connect reads them: "optional" is true only when it is the boolean true, and a
 * "name", "version" or "doc" of the wrong JSON type is ignored. What Connect rejects is rejected: an
 * unknown or missing "type", an array without "items", a map without "keys" or "values", a struct field
 * without a "field" name, a parameter that is not a string.
 *
 * @throws DataError saying what is wrong and where.
 */
export function schemaFromJson(node: JsonNode, settings: JsonConverterSettings, path: ValuePath): Schema {
  if (node.kind !== "object") throw invalid(path, `should be an object, not ${describeJson(node)}`);
  const typeNode = node.members.get("type");
  if (typeNode?.kind !== "string") throw invalid(path, `must contain a "type" string`);
  const type = schemaTypeFromJsonName(typeNode.value);
  if (type === undefined) throw invalid(path, `has an unknown type ${JSON.stringify(typeNode.value)}`);

  const schema: Schema = {
    type,
    optional: isTrue(node.members.get("optional")),
    name: stringMember(node, "name") ?? "",
    version: versionOf(node.members.get("version")),
    doc: stringMember(node, "doc") ?? "",
    parameters: parametersOf(node.members.get("parameters"), path),
    fields: type === SchemaType.SCHEMA_TYPE_STRUCT ? fieldsOf(node, settings, path) : [],
    keySchema: type === SchemaType.SCHEMA_TYPE_MAP ? nested(node, "keys", settings, path) : undefined,
    valueSchema: type === SchemaType.SCHEMA_TYPE_MAP ? nested(node, "values", settings, path) : undefined,
    elementSchema: type === SchemaType.SCHEMA_TYPE_ARRAY ? nested(node, "items", settings, path) : undefined,
    defaultValue: undefined,
  };
  const defaultNode = node.members.get("default");
  // As in Connect, the default is read with the schema built so far, logical type included.
  if (defaultNode !== undefined) schema.defaultValue = valueFromJson(schema, defaultNode, settings, path);
  return schema;
}

function fieldsOf(node: JsonObject, settings: JsonConverterSettings, path: ValuePath): Field[] {
  const fieldsNode = node.members.get("fields");
  if (fieldsNode?.kind !== "array") throw invalid(path, `is a struct, so its "fields" must be an array`);
  return fieldsNode.items.map((fieldNode, index) => {
    const name = fieldNode.kind === "object" ? stringMember(fieldNode, "field") : undefined;
    if (name === undefined) throw invalid(path, `has a field ${index} without a "field" name`);
    return { name, index, schema: schemaFromJson(fieldNode, settings, fieldPath(path, name)) };
  });
}

function nested(node: JsonObject, member: string, settings: JsonConverterSettings, path: ValuePath): Schema {
  const nestedNode = node.members.get(member);
  if (nestedNode === undefined || nestedNode.kind === "null") {
    throw invalid(path, `needs a "${member}" schema`);
  }
  return schemaFromJson(nestedNode, settings, path);
}

function parametersOf(node: JsonNode | undefined, path: ValuePath): Record<string, string> {
  if (node?.kind !== "object") return {};
  const parameters: Record<string, string> = {};
  for (const [key, value] of node.members) {
    if (value.kind !== "string") throw invalid(path, `has a parameter "${key}" that is not a string`);
    parameters[key] = value.value;
  }
  return parameters;
}

function versionOf(node: JsonNode | undefined): number | undefined {
  if (node?.kind !== "number" || !isIntegralText(node.text)) return undefined;
  return Number(node.text);
}

function isTrue(node: JsonNode | undefined): boolean {
  return node?.kind === "boolean" && node.value;
}

function stringMember(node: JsonObject, member: string): string | undefined {
  const value = node.members.get(member);
  return value?.kind === "string" ? value.value : undefined;
}

function invalid(path: ValuePath, problem: string): DataError {
  return new DataError(`the JSON schema of ${describePath(path)} ${problem}`);
}
