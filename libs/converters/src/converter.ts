import type { Schema, Value } from "@connect-mesh/proto";

/**
 * A record key, value or header value with the schema that describes it (Connect's SchemaAndValue). An
 * undefined `value` is null; an undefined `schema` means the value is schemaless.
 *
 * A schema that a converter returns may be shared with other records (JsonConverter remembers the schemas
 * it has read) and is then frozen: build a new schema rather than editing one in place, as Connect's
 * schemas are immutable too.
 */
export interface SchemaAndValue {
  readonly schema: Schema | undefined;
  readonly value: Value | undefined;
}

/**
 * A converter's own config: Connect's dotted keys without the `key.converter.` / `value.converter.` /
 * `header.converter.` prefix
 * (e.g. "schemas.enable"), values as the strings they are in connector JSON. Unknown keys are ignored, as
 * Connect ignores them.
 */
export type ConverterConfig = Readonly<Record<string, string>>;

/** Whether a converter handles record keys or record values (Connect's `configure(configs, isKey)`). */
export interface ConverterOptions {
  readonly isKey: boolean;
}

/**
 * Turns Data API values into the bytes stored in Kafka and back (org.apache.kafka.connect.storage.Converter).
 *
 * A converter is configured once, when it is created, and is then safe to call for any topic: none of the
 * built-in converters keeps state between calls. Every conversion error is a `DataError` from
 * `@connect-mesh/data`, which is never retriable: the same bytes will fail the same way again.
 */
export interface Converter {
  /**
   * Serializes a value for `topic`. Returns null (a Kafka tombstone) when there is nothing to write; which
   * inputs count as nothing depends on the converter, as in Connect.
   */
  fromConnectData(topic: string, schema: Schema | undefined, value: Value | undefined): Buffer | null;

  /** Deserializes bytes read from `topic`; null bytes (a tombstone) give a null value. */
  toConnectData(topic: string, bytes: Buffer | null): SchemaAndValue;

  /**
   * Serializes a flat value as the packed record form carries it (`bytes`: UTF-8 text for a STRING
   * schema, the bytes themselves for a BYTES one), without building its Data API value. It returns exactly
   * what fromConnectData returns for that value (`flatValueOf(schema, bytes)` in `@connect-mesh/data`), and
   * throws as it would. A converter without it is given the built value.
   */
  fromFlatData?(topic: string, schema: Schema, bytes: Buffer): Buffer | null;

  /**
   * Reads bytes that hold a flat value without building its Data API value: the schema and the bytes for
   * which `flatValueOf(schema, bytes)` is exactly what toConnectData gives. Undefined whenever it cannot tell
   * that cheaply (null bytes, a structure, text that needs unescaping, bytes toConnectData would refuse):
   * the caller then uses toConnectData.
   */
  toFlatData?(topic: string, bytes: Buffer | null): FlatData | undefined;
}

/** A flat key or value as the packed record form carries it (see Converter.toFlatData). */
export interface FlatData {
  /** A STRING or BYTES schema. */
  readonly schema: Schema;
  /** UTF-8 text for a STRING schema, the bytes themselves for BYTES. */
  readonly bytes: Buffer;
}

/**
 * Turns record header values into the bytes stored in Kafka and back
 * (org.apache.kafka.connect.storage.HeaderConverter). Each header is converted on its own, with its key.
 *
 * Like a Converter it is configured once, when created, and every conversion error is a `DataError`.
 */
export interface HeaderConverter {
  /** Serializes one header's value; null (a header with no value) for a null value. */
  fromConnectHeader(
    topic: string,
    headerKey: string,
    schema: Schema | undefined,
    value: Value | undefined,
  ): Buffer | null;

  /** Deserializes one header's value; null bytes give a null value with no schema. */
  toConnectHeader(topic: string, headerKey: string, bytes: Buffer | null): SchemaAndValue;
}
