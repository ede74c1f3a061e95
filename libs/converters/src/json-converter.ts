import { DataError, flatValueOf } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type {
  Converter,
  ConverterConfig,
  ConverterOptions,
  FlatData,
  HeaderConverter,
  SchemaAndValue,
} from "./converter.js";
import { parseJsonDocument, parseLastMemberValue } from "./internal/json-parse.js";
import { JsonSchemaCache } from "./internal/json-schema-cache.js";
import { valueFromJson } from "./internal/json-value-read.js";
import { valueToJson } from "./internal/json-value-write.js";
import { writeJson } from "./internal/json-write.js";
import { isNullValue } from "./internal/null-value.js";
import { isPlainJsonText } from "./internal/plain-json-text.js";
import { ROOT_PATH } from "./internal/value-path.js";
import { type JsonConverterSettings, parseJsonConverterConfig } from "./json-converter-config.js";

/** Connect's own wording, which users search for when they point schemas.enable=true at plain JSON. */
const NOT_AN_ENVELOPE =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
  " If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.";

/** How Connect's JsonConverter starts every envelope it writes, and what comes between its two members. */
const ENVELOPE_START = '{"schema":';
const PAYLOAD_MEMBER = ',"payload":';

/** How an envelope of a STRING value ends: the text's closing quote and the envelope's brace. */
const STRING_ENVELOPE_END = Buffer.from('"}');

/** What a JSON string starts and ends with. */
const QUOTE = Buffer.from('"');

/** Null bytes read as: no value and no schema. Shared, since a SchemaAndValue is read-only. */
const NO_DATA: SchemaAndValue = Object.freeze({ schema: undefined, value: undefined });

/** Jackson refuses malformed UTF-8 rather than guessing, and so do we. A leading BOM is skipped, as there. */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * org.apache.kafka.connect.json.JsonConverter: values as JSON, byte for byte as Connect writes them.
 *
 * With `schemas.enable` (the default) each value travels in Connect's envelope,
 * `{"schema":{…},"payload":…}`, so a reader needs nothing else to rebuild the schema. Without it the bytes
 * are plain JSON and reading infers a schemaless value: integers become int64, other numbers float64,
 * objects maps with string keys.
 *
 * Nulls follow Connect exactly, which surprises people: only a null value *without* a schema becomes null
 * bytes (a tombstone). A null value with a schema is written as `{"schema":{…},"payload":null}` (or
 * `null` when schemas are off), because Connect serializes the schema whenever there is one. To produce
 * tombstones for a record that has a value schema, drop the schema with the null.
 *
 * Numbers keep their precision: INT64 values go through bigint, never through a JavaScript number, and
 * floats are printed as Java prints them (1.0 stays 1.0).
 */
export class JsonConverter implements Converter, HeaderConverter {
  /** The parsed config. */
  readonly settings: JsonConverterSettings;
  private readonly role: "key" | "value";
  private readonly schemas: JsonSchemaCache;
  private lastEnvelopeStart: { readonly schemaText: string; readonly bytes: Buffer } | undefined;

  /**
   * @param config - Connect's keys: `schemas.enable`, `decimal.format`, `replace.null.with.default`,
   *   `schemas.cache.size`.
   * @param options - whether it converts keys or values; a header converter converts values.
   * @throws ConverterConfigError for an invalid value.
   */
  constructor(config: ConverterConfig = {}, options: ConverterOptions = { isKey: false }) {
    this.settings = parseJsonConverterConfig(config);
    this.role = options.isKey ? "key" : "value";
    this.schemas = new JsonSchemaCache(this.settings);
  }

  /** Serializes to UTF-8 JSON; null (no bytes) only for a null value without a schema. */
  fromConnectData(topic: string, schema: Schema | undefined, value: Value | undefined): Buffer | null {
    return this.write(schema, value, topic, undefined);
  }

  /**
   * UTF-8 text that JSON needs no escapes for (no quote, backslash or control character) is its own JSON
   * string between quotes, so it is copied into the envelope as it is; any other flat value is written as
   * usual.
   */
  fromFlatData(topic: string, schema: Schema, bytes: Buffer): Buffer | null {
    const start = schema.type === SchemaType.SCHEMA_TYPE_STRING ? this.stringStart(schema) : undefined;
    if (start === undefined || !isPlainJsonText(bytes))
      return this.fromConnectData(topic, schema, flatValueOf(schema, bytes));
    const end = this.settings.schemasEnable ? STRING_ENVELOPE_END : QUOTE;
    return Buffer.concat([start, bytes, end], start.length + bytes.length + end.length);
  }

  /**
   * An envelope written as Connect writes it around a STRING schema that is character for character the
   * last one read, `{"schema":S,"payload":"text"}`, with text that needs no unescaping, holds `text` as its
   * flat form: what readRepeatedEnvelope would read from it. Anything else is left to toConnectData.
   */
  toFlatData(_topic: string, bytes: Buffer | null): FlatData | undefined {
    const last = this.schemas.lastRead;
    if (
      bytes === null ||
      !this.settings.schemasEnable ||
      last === undefined ||
      last.schema.type !== SchemaType.SCHEMA_TYPE_STRING
    )
      return undefined;
    const start = this.envelopeStart(last.text);
    const end = bytes.length - STRING_ENVELOPE_END.length;
    if (
      end < start.length ||
      start.compare(bytes, 0, start.length) !== 0 ||
      STRING_ENVELOPE_END.compare(bytes, end) !== 0
    )
      return undefined;
    const text = bytes.subarray(start.length, end);
    return isPlainJsonText(text) ? { schema: last.schema, bytes: text } : undefined;
  }

  /**
   * What comes before a STRING value's text when it is written: its envelope up to the opening quote, or
   * just the quote; undefined when the schema cannot be written, for the full write to report.
   */
  private stringStart(schema: Schema): Buffer | undefined {
    if (!this.settings.schemasEnable) return QUOTE;
    try {
      return this.envelopeStart(this.schemas.jsonText(schema));
    } catch {
      return undefined;
    }
  }

  /**
   * `{"schema":S,"payload":"` for the schema text S, as bytes, remembered for the last S: a task's converter
   * writes (source) or reads (sink) one schema after another, so one is enough.
   */
  private envelopeStart(schemaText: string): Buffer {
    if (this.lastEnvelopeStart?.schemaText !== schemaText)
      this.lastEnvelopeStart = {
        schemaText,
        bytes: Buffer.from(`${ENVELOPE_START}${schemaText}${PAYLOAD_MEMBER}"`),
      };
    return this.lastEnvelopeStart.bytes;
  }

  /**
   * Deserializes JSON. Null bytes give a null value with no schema. Empty bytes are null too when schemas
   * are off (Jackson reads them as a missing node) and an error when they are on (there is no envelope).
   */
  toConnectData(topic: string, bytes: Buffer | null): SchemaAndValue {
    return this.read(bytes, topic, undefined);
  }

  /** A header value is written as a record value is, as Connect's JsonConverter does. */
  fromConnectHeader(
    topic: string,
    headerKey: string,
    schema: Schema | undefined,
    value: Value | undefined,
  ): Buffer | null {
    return this.write(schema, value, topic, headerKey);
  }

  /** A header value is read as a record value is, as Connect's JsonConverter does. */
  toConnectHeader(topic: string, headerKey: string, bytes: Buffer | null): SchemaAndValue {
    return this.read(bytes, topic, headerKey);
  }

  /**
   * Writes a record's key or value, or the value of header `headerKey`. What was written is described only
   * when it fails: building that text for every record cost more than some of the writing.
   */
  private write(
    schema: Schema | undefined,
    value: Value | undefined,
    topic: string,
    headerKey: string | undefined,
  ): Buffer | null {
    if (schema === undefined && isNullValue(value)) return null;
    try {
      const payload = writeJson(valueToJson(schema, value, this.settings, ROOT_PATH));
      if (!this.settings.schemasEnable) return Buffer.from(payload, "utf8");
      // The envelope is assembled as text so that a remembered schema is not written out again.
      const schemaText = schema === undefined ? "null" : this.schemas.jsonText(schema);
      return Buffer.from(`{"schema":${schemaText},"payload":${payload}}`, "utf8");
    } catch (e) {
      const what = headerKey === undefined ? `the ${this.role}` : `header "${headerKey}"`;
      throw this.inContext(e, `could not write ${what} for topic "${topic}" as JSON`);
    }
  }

  /** Reads a record's key or value, or with `headerKey` a header's value; errors name which, and where. */
  private read(bytes: Buffer | null, topic: string, headerKey: string | undefined): SchemaAndValue {
    if (bytes === null) return NO_DATA;
    try {
      const text = decodeUtf8(bytes);
      if (this.settings.schemasEnable) {
        const repeated = this.readRepeatedEnvelope(text);
        if (repeated !== undefined) return repeated;
      }
      const document = parseJsonDocument(text);
      if (!this.settings.schemasEnable) {
        return { schema: undefined, value: valueFromJson(undefined, document, this.settings, ROOT_PATH) };
      }
      const schemaNode = document?.kind === "object" ? document.members.get("schema") : undefined;
      const payloadNode = document?.kind === "object" ? document.members.get("payload") : undefined;
      if (document?.kind !== "object" || document.members.size !== 2 || !schemaNode || !payloadNode) {
        throw new DataError(NOT_AN_ENVELOPE);
      }
      const schema = schemaNode.kind === "null" ? undefined : this.schemas.schemaOf(schemaNode, text);
      return { schema, value: valueFromJson(schema, payloadNode, this.settings, ROOT_PATH) };
    } catch (e) {
      // Worded here, not before the read: the words are needed only on an error, not for every record.
      const what = headerKey === undefined ? `the ${this.role}` : `header "${headerKey}"`;
      throw this.inContext(e, `could not read ${what} of a record from topic "${topic}" as JSON`);
    }
  }

  /**
   * The fast way through an envelope written as Connect writes it, `{"schema":S,"payload":P}`, when S is
   * character for character the schema text read last: only P is parsed, and S's schema is reused. A
   * deterministic parser reads the same text to the same object, ending at the same place, so the result
   * is what the full read gives. Anything else (other spacing or order, another schema, a third member,
   * invalid JSON) returns undefined, for the full read to handle and report.
   */
  private readRepeatedEnvelope(text: string): SchemaAndValue | undefined {
    const last = this.schemas.lastRead;
    if (
      last === undefined ||
      !text.startsWith(ENVELOPE_START) ||
      !text.startsWith(last.text, ENVELOPE_START.length)
    )
      return undefined;
    const payloadAt = ENVELOPE_START.length + last.text.length;
    if (!text.startsWith(PAYLOAD_MEMBER, payloadAt)) return undefined;
    const payload = parseLastMemberValue(text, payloadAt + PAYLOAD_MEMBER.length);
    if (payload === undefined) return undefined;
    return { schema: last.schema, value: valueFromJson(last.schema, payload, this.settings, ROOT_PATH) };
  }

  /** Adds what was being converted to a conversion error once, at the converter's edge; other errors pass. */
  private inContext(e: unknown, what: string): unknown {
    return e instanceof DataError ? new DataError(`JsonConverter ${what}: ${e.message}`, { cause: e }) : e;
  }
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch (e) {
    throw new DataError("the bytes are not valid UTF-8, so they cannot be JSON", { cause: e });
  }
}
