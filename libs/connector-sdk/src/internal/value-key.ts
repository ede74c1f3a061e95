import type { Value } from "@connect-mesh/proto";

/**
 * A string that is equal for two Values exactly when they hold the same data, whatever the order of their
 * map entries: Connect compares source partitions as Java Maps, where entry order does not matter.
 * Used to find "the same source partition" among offsets and acked batches.
 */
export function valueKey(value: Value | undefined): string {
  const kind = value?.kind;
  if (kind === undefined) return "null";
  switch (kind.$case) {
    case "nullValue":
      return "null";
    case "boolValue":
      return String(kind.value);
    case "intValue":
      return `${kind.value}n`;
    case "floatValue":
      return `${kind.value}f`;
    case "stringValue":
      return JSON.stringify(kind.value);
    case "bytesValue":
      return `b:${kind.value.toString("base64")}`;
    case "arrayValue":
      return `[${kind.value.elements.map(valueKey).join(",")}]`;
    case "mapValue":
      return `{${kind.value.entries
        .map((entry) => `${valueKey(entry.key)}:${valueKey(entry.value)}`)
        .sort()
        .join(",")}}`;
    case "structValue":
      return `s{${kind.value.fields
        .map((field) => `${JSON.stringify(field.name)}:${valueKey(field.value)}`)
        .sort()
        .join(",")}}`;
  }
}
