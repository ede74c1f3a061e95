import type { JsonNode } from "./json-node.js";

/**
 * Writes a node as compact JSON, the way Connect's Jackson ObjectMapper does: no spaces, members in
 * insertion order, numbers exactly as their text, non-ASCII text left unescaped.
 *
 * The text is built by appending to one string, which V8 does without copying until it is read; it runs for
 * every record written, and collecting parts to join cost an array and its growth each time.
 */
export function writeJson(node: JsonNode): string {
  switch (node.kind) {
    case "null":
      return "null";
    case "boolean":
      return node.value ? "true" : "false";
    case "number":
      return node.text;
    case "string":
      // JSON.stringify escapes exactly what Jackson escapes: quote, backslash and control characters.
      return JSON.stringify(node.value);
    case "array": {
      let text = "[";
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        if (item === undefined) continue;
        if (i > 0) text += ",";
        text += writeJson(item);
      }
      return `${text}]`;
    }
    case "object": {
      let text = "{";
      let isFirst = true;
      for (const [name, member] of node.members) {
        if (!isFirst) text += ",";
        isFirst = false;
        text += `${JSON.stringify(name)}:${writeJson(member)}`;
      }
      return `${text}}`;
    }
  }
}
