import { Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { parseJsonConverterConfig } from "../json-converter-config.js";
import { parseJsonDocument } from "./json-parse.js";
import { JsonSchemaCache } from "./json-schema-cache.js";

const named = (name: string): Schema => Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING, name });

describe("JsonSchemaCache", () => {
  it("holds at most schemas.cache.size schemas each way", () => {
    const cache = new JsonSchemaCache(parseJsonConverterConfig({ "schemas.cache.size": "3" }));
    for (let i = 0; i < 10; i++) {
      const text = cache.jsonText(named(`s${i}`));
      const document = `{"schema":${text}}`;
      const node = parseJsonDocument(document);
      const schemaNode = node?.kind === "object" ? node.members.get("schema") : undefined;
      if (schemaNode === undefined) throw new Error("no schema node");
      expect(cache.schemaOf(schemaNode, document)).toEqual(named(`s${i}`));
    }
    expect(cache.sizes).toEqual({ written: 3, read: 3 });
  });

  it("writes an equal schema from its cached text, whichever object carries it", () => {
    const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
    const text = cache.jsonText(named("x"));
    expect(cache.jsonText(Schema.decode(Schema.encode(named("x")).finish()))).toBe(text);
    expect(cache.jsonText(named("y"))).toBe('{"type":"string","optional":false,"name":"y"}');
    expect(cache.sizes.written).toBe(2);
  });

  it("does not remember a schema that fails to convert", () => {
    const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
    const broken = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_ARRAY });
    expect(() => cache.jsonText(broken)).toThrow(/has no elementSchema/);
    expect(() => cache.jsonText(broken)).toThrow(/has no elementSchema/);
    expect(cache.sizes.written).toBe(0);
  });

  it("remembers the schema it returned last, with its text, only while it caches", () => {
    const schemaNodeOf = (document: string) => {
      const node = parseJsonDocument(document);
      const schemaNode = node?.kind === "object" ? node.members.get("schema") : undefined;
      if (schemaNode === undefined) throw new Error("no schema node");
      return schemaNode;
    };
    const documentOf = (name: string) => `{"schema":{"type":"string","optional":false,"name":"${name}"}}`;
    const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
    expect(cache.lastRead).toBeUndefined();
    const x = cache.schemaOf(schemaNodeOf(documentOf("x")), documentOf("x"));
    cache.schemaOf(schemaNodeOf(documentOf("y")), documentOf("y"));
    expect(cache.schemaOf(schemaNodeOf(documentOf("x")), documentOf("x"))).toBe(x);
    expect(cache.lastRead).toEqual({ text: '{"type":"string","optional":false,"name":"x"}', schema: x });
    expect(cache.lastRead?.schema).toBe(x);
    const uncached = new JsonSchemaCache(parseJsonConverterConfig({ "schemas.cache.size": "0" }));
    uncached.schemaOf(schemaNodeOf(documentOf("x")), documentOf("x"));
    expect(uncached.lastRead).toBeUndefined();
  });
});
