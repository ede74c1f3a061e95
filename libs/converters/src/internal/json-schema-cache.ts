import { Schema } from "@connect-mesh/proto";
import type { JsonConverterSettings } from "../json-converter-config.js";
import { LastRepeated } from "../last-repeated.js";
import { deepFreeze } from "./deep-freeze.js";
import type { JsonNode } from "./json-node.js";
import { schemaFromJson } from "./json-schema-read.js";
import { schemaToJson } from "./json-schema-write.js";
import { writeJson } from "./json-write.js";
import { LruCache } from "./lru-cache.js";
import { isSameSchema } from "./same-data.js";
import { ROOT_PATH } from "./value-path.js";

/**
 * JsonConverter's schema conversions, remembered both ways as Connect remembers them
 * (`schemas.cache.size` entries each): a stream of records that share a schema converts it once.
 *
 * Writing is keyed by the schema's protobuf encoding, which every field of the schema goes into, so two
 * schemas share an entry only when they would be written alike. Reading is keyed by the JSON schema's source
 * text, so only byte-identical schemas share an entry; Connect compares parsed JSON, which also matches
 * schemas that differ in spacing or member order, but such producers are rare and a miss is only slower.
 * A schema that fails to convert is not remembered, so it fails the same way every time.
 *
 * Records mostly carry the schema the record before them carried, each in an object of its own (they were
 * decoded one by one), so the text written last is kept aside too: comparing a schema with it field by field
 * costs far less than encoding the schema to look it up. Reading keeps the schema read last with its text
 * for the same reason (see lastRead).
 */
export class JsonSchemaCache {
  private readonly written: LruCache<string, string>;
  private readonly read: LruCache<string, Schema>;
  /** The schema schemaOf returned last from the cache, and its JSON text: see lastRead. */
  private lastParsed: RememberedSchema | undefined;
  /** The JSON text of the schema written last, while schemas repeat. */
  private readonly lastWritten = new LastRepeated<Schema, string>(isSameSchema, (schema) =>
    Schema.decode(Schema.encode(schema).finish()),
  );

  constructor(private readonly settings: JsonConverterSettings) {
    this.written = new LruCache(settings.schemasCacheSize);
    this.read = new LruCache(settings.schemasCacheSize);
  }

  /** How many schemas each direction holds now. */
  get sizes(): { readonly written: number; readonly read: number } {
    return { written: this.written.size, read: this.read.size };
  }

  /** The schema in Connect's JSON schema format, as the text of the envelope's "schema" member. */
  jsonText(schema: Schema): string {
    if (this.written.capacity <= 0) return this.convertToJsonText(schema);
    // The last schema written is the most recently used entry already, so skipping the cache leaves its order.
    const repeated = this.lastWritten.find(schema);
    if (repeated !== undefined) return repeated;
    const encoded = Schema.encode(schema).finish();
    const key = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength).toString("latin1");
    let text = this.written.get(key);
    if (text === undefined) {
      text = this.convertToJsonText(schema);
      this.written.set(key, text);
    }
    this.lastWritten.remember(schema, key, text);
    return text;
  }

  /**
   * The schema a JSON schema node describes. `document` is the text the node was parsed from. A remembered
   * schema is shared by every record that carries it, so it is frozen, as Connect's schemas are immutable.
   *
   * @throws DataError for a JSON schema that Connect would refuse.
   */
  schemaOf(node: JsonNode, document: string): Schema {
    const span = node.kind === "object" ? node.span : undefined;
    if (span === undefined || this.read.capacity <= 0) return schemaFromJson(node, this.settings, ROOT_PATH);
    const key = document.slice(span.start, span.end);
    const cached = this.read.get(key);
    if (cached !== undefined) {
      this.lastParsed = { text: key, schema: cached };
      return cached;
    }
    const schema = deepFreeze(schemaFromJson(node, this.settings, ROOT_PATH));
    this.read.set(key, schema);
    this.lastParsed = { text: key, schema };
    return schema;
  }

  /**
   * The schema schemaOf returned last, with its JSON text, while the cache is on: a stream of records
   * usually carries the same schema text over and over, and a reader that finds that text again can take
   * the schema without parsing it or looking it up. Undefined until a schema has been cached.
   */
  get lastRead(): RememberedSchema | undefined {
    return this.lastParsed;
  }

  private convertToJsonText(schema: Schema): string {
    return writeJson(schemaToJson(schema, this.settings, ROOT_PATH));
  }
}

/** A schema read from JSON and the exact text it was read from. */
export interface RememberedSchema {
  readonly text: string;
  readonly schema: Schema;
}
