import { Schema, SchemaType } from "@connect-mesh/proto";
import { afterEach, describe, expect, it, vi } from "vitest";
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

  describe("the schema written last", () => {
    afterEach(() => vi.restoreAllMocks());

    it("is written again from its text, without encoding the schema to look it up, once it repeats", () => {
      const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
      const text = cache.jsonText(named("x"));
      expect(cache.jsonText(named("x"))).toBe(text);
      const copy = Schema.decode(Schema.encode(named("x")).finish());
      const encode = vi.spyOn(Schema, "encode");
      expect(cache.jsonText(named("x"))).toBe(text);
      expect(cache.jsonText(copy)).toBe(text);
      expect(encode).not.toHaveBeenCalled();
    });

    it("is not copied while schemas alternate, so they cost no more than the lookup", () => {
      const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
      const decode = vi.spyOn(Schema, "decode");
      for (const name of ["a", "b", "a", "b"]) cache.jsonText(named(name));
      expect(decode).not.toHaveBeenCalled();
      cache.jsonText(named("b"));
      expect(decode).toHaveBeenCalledTimes(1);
    });

    it("is told apart from a schema that differs in a nested field", () => {
      const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
      const map = (valueType: SchemaType) =>
        Schema.fromPartial({
          type: SchemaType.SCHEMA_TYPE_MAP,
          keySchema: { type: SchemaType.SCHEMA_TYPE_STRING },
          valueSchema: { type: valueType },
        });
      expect(cache.jsonText(map(SchemaType.SCHEMA_TYPE_INT32))).toContain('"type":"int32"');
      expect(cache.jsonText(map(SchemaType.SCHEMA_TYPE_INT64))).toContain('"type":"int64"');
    });

    it("is kept as a copy, so changing the caller's object afterwards changes nothing", () => {
      const cache = new JsonSchemaCache(parseJsonConverterConfig({}));
      const schema = named("x");
      cache.jsonText(schema);
      cache.jsonText(schema);
      schema.name = "y";
      expect(cache.jsonText(schema)).toBe('{"type":"string","optional":false,"name":"y"}');
    });
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
