import { LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import type { Schema, Value } from "@connect-mesh/proto";
import { encodeBase64 } from "./base64.js";
import { javaDecimalText, javaPrimitiveText } from "./java-scalar-text.js";

/** The temporal logical types, each with its decoding (a Date counts days, the others milliseconds). */
const TEMPORAL: ReadonlyMap<string, (value: Value) => Date> = new Map([
  [LogicalDate.name, LogicalDate.fromValue],
  [LogicalTime.name, LogicalTime.fromValue],
  [LogicalTimestamp.name, LogicalTimestamp.fromValue],
]);
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A value as Connect's StringConverter prints it, which is Java's Object.toString of the Connect value:
 * numbers in Java's notation (1.0, 1.0E10), a Decimal as BigDecimal prints it, Date/Time/Timestamp as
 * java.util.Date prints them (in UTC, the usual worker time zone), an array as "[a, b]", a map as
 * "{k=v, k2=v2}", a struct as "Struct{a=1,b=x}" with its null fields left out.
 *
 * One deliberate difference: Java prints a byte[] as its identity hash ("[B@1b6d3586"), which is useless
 * and different on every run; bytes are printed as base64 here instead.
 */
export function javaText(schema: Schema | undefined, value: Value | undefined): string {
  const kind = value?.kind;
  if (kind === undefined || kind.$case === "nullValue") return "null";
  if (schema?.name === LogicalDecimal.name && kind.$case === "bytesValue")
    return javaDecimalText(schema, kind.value);
  const temporal = schema === undefined ? undefined : TEMPORAL.get(schema.name);
  if (temporal !== undefined && kind.$case === "intValue") return javaDateText(temporal({ kind }));
  switch (kind.$case) {
    case "boolValue":
    case "intValue":
    case "floatValue":
      return javaPrimitiveText(schema, kind);
    case "stringValue":
      return kind.value;
    case "bytesValue":
      return encodeBase64(kind.value);
    case "arrayValue":
      return `[${kind.value.elements.map((e) => javaText(schema?.elementSchema, e)).join(", ")}]`;
    case "mapValue": {
      const entries = kind.value.entries.map(
        (e) => `${javaText(schema?.keySchema, e.key)}=${javaText(schema?.valueSchema, e.value)}`,
      );
      return `{${entries.join(", ")}}`;
    }
    case "structValue": {
      const fieldSchemas = new Map(schema?.fields.map((f) => [f.name, f.schema]));
      const fields = kind.value.fields
        .filter((f) => f.value?.kind !== undefined && f.value.kind.$case !== "nullValue")
        .map((f) => `${f.name}=${javaText(fieldSchemas.get(f.name), f.value)}`);
      return `Struct{${fields.join(",")}}`;
    }
  }
}

/** java.util.Date.toString in UTC: "Thu Jan 01 00:00:00 UTC 1970". */
function javaDateText(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const day = DAYS[date.getUTCDay()] ?? "";
  const month = MONTHS[date.getUTCMonth()] ?? "";
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${day} ${month} ${two(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}
