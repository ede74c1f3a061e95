import type { Schema, Value } from "@connect-mesh/proto";

/**
 * A record key or value with the schema that describes it (Connect's SchemaAndValue). An undefined `value`
 * is null; an undefined `schema` means the value is schemaless.
 */
export interface SchemaAndValue {
  readonly schema: Schema | undefined;
  readonly value: Value | undefined;
}

/**
 * A converter's own config: Connect's dotted keys without the `key.converter.` / `value.converter.` prefix
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
}
