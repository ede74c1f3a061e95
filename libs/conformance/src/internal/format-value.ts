import type { Value } from "@connect-mesh/proto";

/**
 * A Data API value as compact text for a failure's detail: `{"filename": "a.txt"}`, `{"position": 120}`,
 * `"text"`, `<3 bytes>`. Unset and null values read as `null`, as the contract treats them alike.
 */
export function formatValue(value: Value | undefined): string {
  const kind = value?.kind;
  if (kind === undefined) return "null";
  switch (kind.$case) {
    case "nullValue":
      return "null";
    case "boolValue":
    case "intValue":
    case "floatValue":
      return String(kind.value);
    case "stringValue":
      return JSON.stringify(kind.value);
    case "bytesValue":
      return `<${kind.value.length} bytes>`;
    case "arrayValue":
      return `[${kind.value.elements.map(formatValue).join(", ")}]`;
    case "mapValue":
      return `{${kind.value.entries.map((entry) => `${formatValue(entry.key)}: ${formatValue(entry.value)}`).join(", ")}}`;
    case "structValue":
      return `{${kind.value.fields.map((field) => `${field.name}: ${formatValue(field.value)}`).join(", ")}}`;
  }
}
