import { DataError } from "@connect-mesh/data";
import type { Schema, Value } from "@connect-mesh/proto";
import type { Converter, ConverterConfig, ConverterOptions, SchemaAndValue } from "./converter.js";
import { JSON_NULL, type JsonNode, jsonObject } from "./internal/json-node.js";
import { parseJsonDocument } from "./internal/json-parse.js";
import { schemaFromJson } from "./internal/json-schema-read.js";
import { schemaToJson } from "./internal/json-schema-write.js";
import { valueFromJson } from "./internal/json-value-read.js";
import { valueToJson } from "./internal/json-value-write.js";
import { writeJson } from "./internal/json-write.js";
import { isNullValue } from "./internal/null-value.js";
import { ROOT_PATH } from "./internal/value-path.js";
import { type JsonConverterSettings, parseJsonConverterConfig } from "./json-converter-config.js";

/** Connect's own wording, which users search for when they point schemas.enable=true at plain JSON. */
const NOT_AN_ENVELOPE =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
  " If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.";

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
export class JsonConverter implements Converter {
  /** The parsed config. */
  readonly settings: JsonConverterSettings;
  private readonly role: "key" | "value";

  /**
   * @param config - Connect's keys: `schemas.enable`, `decimal.format`, `replace.null.with.default`.
   * @throws ConverterConfigError for an invalid value.
   */
  constructor(config: ConverterConfig = {}, options: ConverterOptions = { isKey: false }) {
    this.settings = parseJsonConverterConfig(config);
    this.role = options.isKey ? "key" : "value";
  }

  /** Serializes to UTF-8 JSON; null (no bytes) only for a null value without a schema. */
  fromConnectData(topic: string, schema: Schema | undefined, value: Value | undefined): Buffer | null {
    if (schema === undefined && isNullValue(value)) return null;
    try {
      const payload = valueToJson(schema, value, this.settings, ROOT_PATH);
      const document: JsonNode = this.settings.schemasEnable
        ? jsonObject([
            ["schema", schema === undefined ? JSON_NULL : schemaToJson(schema, this.settings, ROOT_PATH)],
            ["payload", payload],
          ])
        : payload;
      return Buffer.from(writeJson(document), "utf8");
    } catch (e) {
      throw this.inContext(e, `could not write the ${this.role} for topic "${topic}" as JSON`);
    }
  }

  /**
   * Deserializes JSON. Null bytes give a null value with no schema. Empty bytes are null too when schemas
   * are off (Jackson reads them as a missing node) and an error when they are on (there is no envelope).
   */
  toConnectData(topic: string, bytes: Buffer | null): SchemaAndValue {
    if (bytes === null) return { schema: undefined, value: undefined };
    try {
      const document = parseJsonDocument(decodeUtf8(bytes));
      if (!this.settings.schemasEnable) {
        return { schema: undefined, value: valueFromJson(undefined, document, this.settings, ROOT_PATH) };
      }
      const schemaNode = document?.kind === "object" ? document.members.get("schema") : undefined;
      const payloadNode = document?.kind === "object" ? document.members.get("payload") : undefined;
      if (document?.kind !== "object" || document.members.size !== 2 || !schemaNode || !payloadNode) {
        throw new DataError(NOT_AN_ENVELOPE);
      }
      const schema =
        schemaNode.kind === "null" ? undefined : schemaFromJson(schemaNode, this.settings, ROOT_PATH);
      return { schema, value: valueFromJson(schema, payloadNode, this.settings, ROOT_PATH) };
    } catch (e) {
      throw this.inContext(e, `could not read the ${this.role} of a record from topic "${topic}" as JSON`);
    }
  }

  /** Adds the topic and role to a conversion error once, at the converter's edge; other errors pass. */
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
