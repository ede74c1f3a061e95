/**
 * A parsed JSON document that keeps each number as its source text.
 *
 * JavaScript numbers hold integers exactly only up to 2^53, but Connect's INT64 (and so every Timestamp)
 * goes to 2^63, and a Decimal written as NUMERIC can have any number of digits. Keeping the text lets the
 * converter decide, with the schema in hand, whether a number becomes a bigint, a double or a decimal.
 */
export type JsonNode =
  | { readonly kind: "null" }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | {
      readonly kind: "object";
      readonly members: ReadonlyMap<string, JsonNode>;
      /** Where a parsed object's text starts and ends (exclusive) in the document; unset on built nodes. */
      readonly span?: TextSpan;
    };

/** Offsets into a parsed document: the first character and one past the last. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** JSON's null. */
export const JSON_NULL: JsonNode = { kind: "null" };

/** A JSON string. */
export function jsonString(value: string): JsonNode {
  return { kind: "string", value };
}

/** A JSON number whose text is already valid JSON number syntax. */
export function jsonNumber(text: string): JsonNode {
  return { kind: "number", text };
}

/** A JSON object whose members keep the order given, as Connect's (Jackson's) ObjectNode does. */
export function jsonObject(members: Iterable<readonly [string, JsonNode]>): JsonNode {
  return { kind: "object", members: new Map(members) };
}

/** Whether a JSON number's text is an integer (no fraction, no exponent), as Jackson's isIntegralNumber. */
export function isIntegralText(text: string): boolean {
  return /^-?\d+$/.test(text);
}

/** How a node is named in error messages ("an object", "the number 1.5"). */
export function describeJson(node: JsonNode | undefined): string {
  switch (node?.kind) {
    case undefined:
      return "nothing";
    case "null":
      return "null";
    case "boolean":
      return `the boolean ${node.value}`;
    case "number":
      return `the number ${node.text}`;
    case "string":
      return node.value.length > 40 ? "a string" : `the string ${JSON.stringify(node.value)}`;
    case "array":
      return "an array";
    case "object":
      return "an object";
  }
}
