import type { Value } from "@connect-mesh/proto";

/**
 * A record value as one line of text, the way Kafka Connect's FileStreamSinkTask writes it (Java's
 * `println(record.value())`, i.e. the value's `toString()`):
 *
 * - no value, or null: `null`
 * - a string: as it is; booleans and integers: as written in Java (`true`, `42`)
 * - a float: as Java prints a double for everyday values (`1.0`, `0.25`; `NaN`, `Infinity`); very large or
 *   small ones use JavaScript's exponent form (`1e+21`) where Java would write `1.0E21`
 * - an array: `[a, b]`; a map: `{k=v, k2=v2}` (Java's List and Map); a struct: `Struct{name=v,other=w}`
 *   with null fields left out (Connect's Struct)
 * - bytes: Base64. Connect would print a Java array identity (`[B@1b6d3586`), which is of no use to anyone.
 *
 * Schemas are not consulted, so logical types print as their physical value (a Timestamp as its epoch
 * milliseconds, a Decimal as the Base64 of its unscaled bytes).
 */
export function renderValue(value: Value | undefined): string {
  const kind = value?.kind;
  if (kind === undefined) return "null";
  switch (kind.$case) {
    case "nullValue":
      return "null";
    case "boolValue":
    case "intValue":
    case "stringValue":
      return String(kind.value);
    case "floatValue":
      return renderDouble(kind.value);
    case "bytesValue":
      return kind.value.toString("base64");
    case "arrayValue":
      return `[${kind.value.elements.map(renderValue).join(", ")}]`;
    case "mapValue":
      return `{${kind.value.entries.map((entry) => `${renderValue(entry.key)}=${renderValue(entry.value)}`).join(", ")}}`;
    case "structValue":
      return `Struct{${kind.value.fields
        .filter((field) => field.value?.kind !== undefined && field.value.kind.$case !== "nullValue")
        .map((field) => `${field.name}=${renderValue(field.value)}`)
        .join(",")}}`;
  }
}

function renderDouble(value: number): string {
  // Java prints whole doubles with ".0" between 10^-3 and 10^7, and switches to an exponent outside.
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return `${value}.0`;
  return String(value);
}
