import type { JsonNode } from "./json-node.js";

/**
 * Writes a node as compact JSON, the way Connect's Jackson ObjectMapper does: no spaces, members in
 * insertion order, numbers exactly as their text, non-ASCII text left unescaped.
 */
export function writeJson(node: JsonNode): string {
  const parts: string[] = [];
  append(node, parts);
  return parts.join("");
}

function append(node: JsonNode, parts: string[]): void {
  switch (node.kind) {
    case "null":
      parts.push("null");
      return;
    case "boolean":
      parts.push(node.value ? "true" : "false");
      return;
    case "number":
      parts.push(node.text);
      return;
    case "string":
      // JSON.stringify escapes exactly what Jackson escapes: quote, backslash and control characters.
      parts.push(JSON.stringify(node.value));
      return;
    case "array": {
      parts.push("[");
      node.items.forEach((item, i) => {
        if (i > 0) parts.push(",");
        append(item, parts);
      });
      parts.push("]");
      return;
    }
    case "object": {
      parts.push("{");
      let isFirst = true;
      for (const [name, member] of node.members) {
        if (!isFirst) parts.push(",");
        isFirst = false;
        parts.push(JSON.stringify(name), ":");
        append(member, parts);
      }
      parts.push("}");
      return;
    }
  }
}
