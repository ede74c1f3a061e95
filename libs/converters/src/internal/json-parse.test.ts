import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import type { JsonNode } from "./json-node.js";
import { parseJsonDocument, parseLastMemberValue } from "./json-parse.js";
import { writeJson } from "./json-write.js";

describe("parseJsonDocument", () => {
  it.each([
    ['{"a":[1,-2.5e+3,true,false,null,"x"],"b":{}}'],
    ["[]"],
    ['"é🚀 \\"quoted\\" \\\\ \\n"'],
    ["9223372036854775807123456789"],
    ["0.1000000000000000055511151231257827"],
    ['{"nested":[[[[{"deep":[]}]]]]}'],
  ])("reads %s and writes it back unchanged", (text) => {
    const node = parseJsonDocument(text);
    expect(node && writeJson(node)).toBe(text);
  });

  it("keeps a number's source text rather than a rounded double", () => {
    expect(parseJsonDocument("12345678901234567890.123")).toEqual({
      kind: "number",
      text: "12345678901234567890.123",
    });
  });

  it("decodes escapes, surrogate pairs included", () => {
    expect(parseJsonDocument('"a\\tb\\ud83d\\ude80"')).toEqual({ kind: "string", value: "a\tb🚀" });
  });

  it("lets the last of duplicate member names win, in the first one's position", () => {
    const node = parseJsonDocument('{"a":1,"b":2,"a":3}') as Extract<JsonNode, { kind: "object" }>;
    expect([...node.members]).toEqual([
      ["a", { kind: "number", text: "3" }],
      ["b", { kind: "number", text: "2" }],
    ]);
  });

  it.each([
    ["a plain string", '"plain text, no escapes"', "plain text, no escapes"],
    ["an escape after a plain run", '"plain then \\"quoted\\""', 'plain then "quoted"'],
    ["an empty string", '""', ""],
    ["characters beyond ASCII", '"\u00e9\u00e8 \ud83d\ude80"', "\u00e9\u00e8 \ud83d\ude80"],
  ])("reads %s to its exact characters", (_what, text, expected) => {
    expect(parseJsonDocument(text)).toEqual({ kind: "string", value: expected });
    const object = parseJsonDocument(`{"k":${text},"n":1}`) as Extract<JsonNode, { kind: "object" }>;
    expect([...object.members]).toEqual([
      ["k", { kind: "string", value: expected }],
      ["n", { kind: "number", text: "1" }],
    ]);
  });

  it.each(["", "  \n\t "])("reads %j as no document", (text) => {
    expect(parseJsonDocument(text)).toBeUndefined();
  });

  it.each([
    [
      "an unterminated string",
      '"abc',
      /offset 4: expected a closing quote for the string that starts at offset 0/,
    ],
    ["a raw control character in a string", '"a\nb"', /no raw control characters/],
    ["a raw control character after an escape", '"a\\tb\u0001"', /offset 5: expected no raw control/],
    ["a string that ends with a backslash", '"ab\\', /offset 5: expected a closing quote/],
    ["an invalid escape", '"\\x"', /invalid escape sequence/],
    ["a minus with no digits", "-", /offset 0: expected a number/],
    ["a fraction with no digits", "1.", /offset 1: expected the end of the document but found "\."/],
    ["NaN, which JSON does not have", "NaN", /offset 0: expected a value/],
    ["a missing colon", '{"a" 1}', /offset 5: expected ':' after the member name/],
    ["a missing comma", "[1 2]", /offset 3: expected ',' or '\]' in the array/],
    [
      "nesting deeper than Jackson allows",
      "[".repeat(1001) + "]".repeat(1001),
      /nested deeper than 1000 levels/,
    ],
  ])("refuses %s with a DataError that says where", (_what, text, message) => {
    expect(() => parseJsonDocument(text)).toThrow(DataError);
    expect(() => parseJsonDocument(text)).toThrow(message);
  });
});

describe("parseJsonDocument spans", () => {
  it("records where each object's text starts and ends, so its source can key a cache", () => {
    const text = ' {"schema":{"type":"int8"} ,"payload":{}}';
    const node = parseJsonDocument(text) as Extract<JsonNode, { kind: "object" }>;
    const schema = node.members.get("schema") as Extract<JsonNode, { kind: "object" }>;
    const payload = node.members.get("payload") as Extract<JsonNode, { kind: "object" }>;
    expect(node.span).toEqual({ start: 1, end: text.length });
    expect(schema.span && text.slice(schema.span.start, schema.span.end)).toBe('{"type":"int8"}');
    expect(payload.span && text.slice(payload.span.start, payload.span.end)).toBe("{}");
  });
});

describe("parseLastMemberValue", () => {
  const envelope = '{"schema":{"type":"string"},"payload":';

  it.each([
    ['"x"}', { kind: "string", value: "x" }],
    [' "x" }\n', { kind: "string", value: "x" }],
    ['[1,["a",true],null]}', parseJsonDocument('[1,["a",true],null]')],
    ["-12.5e3}", { kind: "number", text: "-12.5e3" }],
    ["null}", { kind: "null" }],
  ])("reads the value of %j as the whole document's last member", (rest, expected) => {
    const text = envelope + rest;
    expect(parseLastMemberValue(text, envelope.length)).toEqual(expected);
    const whole = parseJsonDocument(text) as Extract<JsonNode, { kind: "object" }>;
    expect(whole.members.get("payload")).toEqual(expected);
  });

  it.each([
    ["another member after it", '"x","extra":1}'],
    ["a second payload after it", '"x","payload":"y"}'],
    ["text after the closing brace", '"x"} []'],
    ["no closing brace", '"x"'],
    ["invalid JSON", '"x}'],
    ["a raw control character", '"a\u0001"}'],
    ["nothing at all", ""],
  ])("gives up on %s, for the full parse to handle", (_what, rest) => {
    expect(parseLastMemberValue(envelope + rest, envelope.length)).toBeUndefined();
  });

  it("counts depth from inside the outermost object, as the full parse does", () => {
    const within = `${"[".repeat(999)}${"]".repeat(999)}}`;
    const beyond = `${"[".repeat(1000)}${"]".repeat(1000)}}`;
    expect(parseLastMemberValue(envelope + within, envelope.length)).toBeDefined();
    expect(() => parseJsonDocument(envelope + within)).not.toThrow();
    expect(parseLastMemberValue(envelope + beyond, envelope.length)).toBeUndefined();
    expect(() => parseJsonDocument(envelope + beyond)).toThrow(/nested deeper than 1000 levels/);
  });
});
