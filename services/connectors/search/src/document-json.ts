import {
  DataError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
} from "@connect-mesh/connector-sdk";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";

const MS_PER_DAY = 86_400_000n;

/**
 * A record value as the JSON text of its document. Written by hand rather than through JSON.stringify so
 * that 64-bit integers and decimals keep every digit:
 * - structs, and maps with string keys, are objects; a map with other keys is an array of
 *   `{"key": ..., "value": ...}` objects (Confluent's form for such maps);
 * - Timestamp, Date and Time are epoch milliseconds, which the engines' `date` type reads as they are
 *   (a Date is its midnight, a Time its moment on 1970-01-01);
 * - Decimal is a JSON number with exactly its digits; bytes are base64 text;
 * - a float that JSON cannot hold (NaN, Infinity) is written as text, as Jackson writes it.
 * The schema, when there is one, names the logical types and the struct fields' order; without one the
 * value's own kinds decide. A value that breaks its logical type throws a DataError.
 */
export function documentJson(value: Value | undefined, schema: Schema | undefined): string {
  const kind = value?.kind;
  if (kind === undefined || kind.$case === "nullValue") return "null";
  const logical = schema === undefined ? undefined : logicalJson(value as Value, schema);
  if (logical !== undefined) return logical;
  switch (kind.$case) {
    case "boolValue":
      return kind.value ? "true" : "false";
    case "intValue":
      return kind.value.toString();
    case "floatValue":
      return Number.isFinite(kind.value) ? JSON.stringify(kind.value) : JSON.stringify(String(kind.value));
    case "stringValue":
      return JSON.stringify(kind.value);
    case "bytesValue":
      return JSON.stringify(Buffer.from(kind.value).toString("base64"));
    case "arrayValue":
      return `[${kind.value.elements.map((element) => documentJson(element, schema?.elementSchema)).join(",")}]`;
    case "mapValue":
      return mapJson(kind.value.entries, schema);
    case "structValue":
      return structJson(kind.value.fields, schema);
  }
}

/** The JSON of a value whose schema names a logical type; undefined for any other schema. */
function logicalJson(value: Value, schema: Schema): string | undefined {
  switch (schema.name) {
    case LogicalTimestamp.name:
    case LogicalTime.name:
      return String(carriedInteger(value, schema.name));
    case LogicalDate.name:
      return String(carriedInteger(value, schema.name) * MS_PER_DAY);
    case LogicalDecimal.name:
      return LogicalDecimal.fromValue(value, schema);
    default:
      return undefined;
  }
}

/** The integer a Date, Time or Timestamp travels as; read as a bigint so that no date is out of range. */
function carriedInteger(value: Value, logicalName: string): bigint {
  if (value.kind?.$case !== "intValue") {
    throw new DataError(`a ${logicalName} must be carried as an integer, not ${value.kind?.$case ?? "null"}`);
  }
  return value.kind.value;
}

function mapJson(
  entries: readonly { readonly key?: Value; readonly value?: Value }[],
  schema: Schema | undefined,
): string {
  const keySchema = schema?.keySchema;
  const valueSchema = schema?.valueSchema;
  const hasTextKeys =
    keySchema === undefined
      ? entries.every((entry) => entry.key?.kind?.$case === "stringValue")
      : keySchema.type === SchemaType.SCHEMA_TYPE_STRING;
  if (hasTextKeys) {
    const members = entries.map(
      (entry) => `${documentJson(entry.key, keySchema)}:${documentJson(entry.value, valueSchema)}`,
    );
    return `{${members.join(",")}}`;
  }
  const pairs = entries.map(
    (entry) =>
      `{"key":${documentJson(entry.key, keySchema)},"value":${documentJson(entry.value, valueSchema)}}`,
  );
  return `[${pairs.join(",")}]`;
}

function structJson(
  fields: readonly { readonly name: string; readonly value?: Value }[],
  schema: Schema | undefined,
): string {
  if (schema === undefined || schema.fields.length === 0) {
    return `{${fields.map((field) => `${JSON.stringify(field.name)}:${documentJson(field.value, undefined)}`).join(",")}}`;
  }
  const valuesByName = new Map(fields.map((field) => [field.name, field.value]));
  const members = schema.fields.map((field) => {
    // A field the value leaves out takes its schema's default, as the contract says, or null.
    const value = valuesByName.get(field.name) ?? field.schema?.defaultValue;
    return `${JSON.stringify(field.name)}:${documentJson(value, field.schema)}`;
  });
  return `{${members.join(",")}}`;
}
