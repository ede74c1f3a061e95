import { LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import type { Schema, Value } from "@connect-mesh/proto";
import { encodeBase64 } from "./base64.js";
import { formatIsoTemporal } from "./iso-temporal.js";
import { javaDecimalText, javaPrimitiveText } from "./java-scalar-text.js";
import { isNullValue } from "./null-value.js";

const MS_PER_DAY = 86_400_000n;

/** Milliseconds since the epoch of each temporal logical type's integer. */
const TEMPORAL_MS: ReadonlyMap<string, (n: bigint) => number> = new Map([
  [LogicalDate.name, (days: bigint) => Number(days * MS_PER_DAY)],
  [LogicalTime.name, (ms: bigint) => Number(ms)],
  [LogicalTimestamp.name, (ms: bigint) => Number(ms)],
]);

/**
 * A value as Connect's Values.convertToString writes it, the text SimpleHeaderConverter stores: numbers as
 * Java prints them, a Decimal as BigDecimal prints it, a Date, Time or Timestamp in ISO 8601 (see
 * formatIsoTemporal), bytes as base64, an array as [a,b], a map as {k:v,k2:v2} and a struct as
 * {"field":value,…} with every field of its schema (a null one as its default, or null). Inside arrays,
 * maps and structs, strings and bytes are in double quotes, with backslashes and quotes escaped by a
 * backslash. Null for a null value.
 */
export function valuesText(schema: Schema | undefined, value: Value | undefined): string | null {
  return isNullValue(value) ? null : textOf(schema, value, false);
}

function textOf(schema: Schema | undefined, value: Value | undefined, isEmbedded: boolean): string {
  const kind = value?.kind;
  if (kind === undefined || kind.$case === "nullValue") return "null";
  if (schema?.name === LogicalDecimal.name && kind.$case === "bytesValue")
    return javaDecimalText(schema, kind.value);
  const toEpochMs = schema === undefined ? undefined : TEMPORAL_MS.get(schema.name);
  if (toEpochMs !== undefined && kind.$case === "intValue") return formatIsoTemporal(toEpochMs(kind.value));
  switch (kind.$case) {
    case "boolValue":
    case "intValue":
    case "floatValue":
      return javaPrimitiveText(schema, kind);
    case "stringValue":
      return isEmbedded ? `"${escapeQuoted(kind.value)}"` : kind.value;
    case "bytesValue":
      return isEmbedded ? `"${encodeBase64(kind.value)}"` : encodeBase64(kind.value);
    case "arrayValue":
      return `[${kind.value.elements.map((e) => textOf(schema?.elementSchema, e, true)).join(",")}]`;
    case "mapValue": {
      const entries = kind.value.entries.map(
        (e) => `${textOf(schema?.keySchema, e.key, true)}:${textOf(schema?.valueSchema, e.value, true)}`,
      );
      return `{${entries.join(",")}}`;
    }
    case "structValue":
      return structText(schema, kind.value.fields);
  }
}

/** Every field of the struct's schema, in its order; a null field takes its default, as Struct.get does. */
function structText(
  schema: Schema | undefined,
  fields: readonly { name: string; value: Value | undefined }[],
): string {
  const values = new Map(fields.map((f) => [f.name, f.value]));
  const members = (schema?.fields ?? fields.map((f) => ({ name: f.name, schema: undefined }))).map(
    (field) => {
      const given = values.get(field.name);
      const value = isNullValue(given) ? field.schema?.defaultValue : given;
      return `"${escapeQuoted(field.name)}":${textOf(field.schema, value, true)}`;
    },
  );
  return `{${members.join(",")}}`;
}

/** Values.escape: a backslash before every backslash and double quote. */
function escapeQuoted(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`);
}
