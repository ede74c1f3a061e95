import { DataError } from "@connect-mesh/data";
import type { JsonNode } from "./json-node.js";

/** Jackson's default nesting limit (StreamReadConstraints); it also keeps the recursion off the stack limit. */
const MAX_DEPTH = 1000;

/**
 * Jackson reads numbers with ALLOW_LEADING_ZEROS_FOR_NUMBERS in Connect's JsonDeserializer, so "007" is a
 * number there and here; everything else is strict RFC 8259 number syntax.
 */
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A run of characters a string can hold as they are: no quote, backslash or control character. Most
 * strings are one such run up to their closing quote, which the regex engine finds faster than a loop.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

/** Character codes the parser dispatches on. */
const Char = {
  Tab: 0x09,
  LineFeed: 0x0a,
  CarriageReturn: 0x0d,
  Space: 0x20,
  Quote: 0x22,
  Comma: 0x2c,
  Minus: 0x2d,
  Zero: 0x30,
  Nine: 0x39,
  Colon: 0x3a,
  OpenBracket: 0x5b,
  Backslash: 0x5c,
  CloseBracket: 0x5d,
  OpenBrace: 0x7b,
  CloseBrace: 0x7d,
} as const;

/**
 * Parses one JSON document, keeping numbers as text (see JsonNode). Returns undefined for a document that
 * is empty or only whitespace, which Jackson reads as a "missing" node rather than an error.
 *
 * JSON.parse cannot be used: it turns every number into a double, so 9223372036854775807 would come back
 * as 9223372036854775808, and Node 20's reviver gets no access to the source text. Content after the
 * document is an error here, where Jackson would silently ignore it; trailing garbage usually means the
 * bytes are not what the producer meant to write.
 *
 * @throws DataError naming the offset and what was expected there.
 */
export function parseJsonDocument(text: string): JsonNode | undefined {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.isAtEnd()) return undefined;
  const node = parser.parseValue(0);
  parser.skipWhitespace();
  if (!parser.isAtEnd()) parser.fail("the end of the document");
  return node;
}

/**
 * The value of an object's last member, read from `start` (just after its name and colon) in a document
 * whose outermost object that member closes: the value, then only `}` and whitespace to the end. This lets
 * a reader that already knows the text before `start` (a repeated envelope prefix) skip parsing it again.
 * Returns undefined when the text does not have that shape or is not valid JSON there; the caller then
 * parses the whole document, which reports the error as parseJsonDocument always does.
 */
export function parseLastMemberValue(text: string, start: number): JsonNode | undefined {
  const parser = new Parser(text, start);
  try {
    parser.skipWhitespace();
    // Depth 1: the value sits inside the document's outermost object, as parseJsonDocument would see it.
    const node = parser.parseValue(1);
    parser.skipWhitespace();
    if (!parser.skip(Char.CloseBrace)) return undefined;
    parser.skipWhitespace();
    return parser.isAtEnd() ? node : undefined;
  } catch (e) {
    if (e instanceof DataError) return undefined;
    throw e;
  }
}

class Parser {
  constructor(
    private readonly text: string,
    private pos = 0,
  ) {}

  isAtEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Steps over the character `c` if it is the next one; whether it was. */
  skip(c: number): boolean {
    if (this.text.charCodeAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }

  skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== Char.Space && c !== Char.LineFeed && c !== Char.CarriageReturn && c !== Char.Tab) return;
      this.pos++;
    }
  }

  parseValue(depth: number): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === Char.OpenBrace) return this.parseObject(depth + 1);
    if (c === Char.OpenBracket) return this.parseArray(depth + 1);
    if (c === Char.Quote) return { kind: "string", value: this.parseString() };
    if (c === Char.Minus || (c >= Char.Zero && c <= Char.Nine)) return this.parseNumber();
    if (this.text.startsWith("true", this.pos)) return this.literal(4, { kind: "boolean", value: true });
    if (this.text.startsWith("false", this.pos)) return this.literal(5, { kind: "boolean", value: false });
    if (this.text.startsWith("null", this.pos)) return this.literal(4, { kind: "null" });
    return this.fail("a value");
  }

  fail(expected: string): never {
    const found = this.isAtEnd()
      ? "the end of the input"
      : JSON.stringify(this.text.slice(this.pos, this.pos + 12));
    throw new DataError(`invalid JSON at offset ${this.pos}: expected ${expected} but found ${found}`);
  }

  private literal(length: number, node: JsonNode): JsonNode {
    this.pos += length;
    return node;
  }

  private parseNumber(): JsonNode {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail("a number");
    this.pos += match[0].length;
    return { kind: "number", text: match[0] };
  }

  private parseString(): string {
    const start = this.pos;
    PLAIN_RUN.lastIndex = start + 1;
    PLAIN_RUN.test(this.text);
    this.pos = PLAIN_RUN.lastIndex;
    if (this.text.charCodeAt(this.pos) === Char.Quote) {
      this.pos++;
      return this.text.slice(start + 1, this.pos - 1);
    }
    // An escape, a control character or the end of the input: go on character by character.
    let hasEscape = false;
    for (;;) {
      if (this.isAtEnd()) return this.fail(`a closing quote for the string that starts at offset ${start}`);
      const c = this.text.charCodeAt(this.pos);
      if (c === Char.Quote) break;
      if (c < Char.Space) return this.fail("no raw control characters inside a string (escape them)");
      if (c === Char.Backslash) {
        hasEscape = true;
        this.pos++;
      }
      this.pos++;
    }
    this.pos++;
    const literal = this.text.slice(start, this.pos);
    // Escapes are rare; JSON.parse decodes them (surrogate pairs included) and validates them in one go.
    return hasEscape ? this.decodeEscapes(literal, start) : literal.slice(1, -1);
  }

  private decodeEscapes(literal: string, start: number): string {
    try {
      return JSON.parse(literal) as string;
    } catch (e) {
      throw new DataError(`invalid JSON at offset ${start}: the string has an invalid escape sequence`, {
        cause: e,
      });
    }
  }

  private parseArray(depth: number): JsonNode {
    this.checkDepth(depth);
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Char.CloseBracket) {
      this.pos++;
      return { kind: "array", items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === Char.CloseBracket) return { kind: "array", items };
      if (c !== Char.Comma) {
        this.pos--;
        return this.fail("',' or ']' in the array");
      }
    }
  }

  private parseObject(depth: number): JsonNode {
    this.checkDepth(depth);
    const start = this.pos;
    this.pos++;
    // Duplicate names: the last one wins but keeps the first one's position, as in Jackson's ObjectNode.
    const members = new Map<string, JsonNode>();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Char.CloseBrace) {
      this.pos++;
      return { kind: "object", members, span: { start, end: this.pos } };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Char.Quote) return this.fail("a member name in double quotes");
      const name = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Char.Colon) return this.fail("':' after the member name");
      this.pos++;
      this.skipWhitespace();
      members.set(name, this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === Char.CloseBrace) return { kind: "object", members, span: { start, end: this.pos } };
      if (c !== Char.Comma) {
        this.pos--;
        return this.fail("',' or '}' in the object");
      }
    }
  }

  private checkDepth(depth: number): void {
    if (depth > MAX_DEPTH) {
      throw new DataError(`invalid JSON at offset ${this.pos}: nested deeper than ${MAX_DEPTH} levels`);
    }
  }
}
