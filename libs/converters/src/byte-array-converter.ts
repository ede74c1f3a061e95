import { DataError, flatValueOf } from "@connect-mesh/data";
import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type { Converter, FlatData, HeaderConverter, SchemaAndValue } from "./converter.js";
import { isNullValue } from "./internal/null-value.js";
import { connectTypeName } from "./internal/schema-type-names.js";

/** What every value read has; a copy goes with each read value, the shared one with flat reads. */
const READ_SCHEMA: Schema = Object.freeze(
  Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_BYTES, optional: true }),
);

/**
 * org.apache.kafka.connect.converters.ByteArrayConverter: bytes pass through untouched. It has no config.
 *
 * Writing accepts only BYTES (a Decimal's schema is BYTES too, so its raw unscaled bytes pass) or no
 * schema, and only a bytes or null value; anything else is an error, as in Connect. Reading always gives
 * an optional BYTES schema, with a null value for null bytes.
 */
export class ByteArrayConverter implements Converter, HeaderConverter {
  /** The bytes of the value, or null for a null value. */
  fromConnectData(topic: string, schema: Schema | undefined, value: Value | undefined): Buffer | null {
    return bytesOf(schema, value, `for topic "${topic}"`);
  }

  /** Flat BYTES are the bytes to write; a STRING schema is refused as fromConnectData refuses it. */
  fromFlatData(topic: string, schema: Schema, bytes: Buffer): Buffer | null {
    return bytesOf(schema, flatValueOf(schema, bytes), `for topic "${topic}"`);
  }

  /** Bytes are their own flat form. */
  toFlatData(_topic: string, bytes: Buffer | null): FlatData | undefined {
    return bytes === null ? undefined : { schema: READ_SCHEMA, bytes };
  }

  /** The bytes as they are, with an optional BYTES schema. */
  toConnectData(_topic: string, bytes: Buffer | null): SchemaAndValue {
    const schema = Schema.fromPartial(READ_SCHEMA);
    if (bytes === null) return { schema, value: undefined };
    return { schema, value: { kind: { $case: "bytesValue", value: bytes } } };
  }

  /** A header value passes as a record value does, as Connect's ByteArrayConverter does. */
  fromConnectHeader(
    topic: string,
    headerKey: string,
    schema: Schema | undefined,
    value: Value | undefined,
  ): Buffer | null {
    return bytesOf(schema, value, `for header "${headerKey}" on topic "${topic}"`);
  }

  /** A header value passes as a record value does. */
  toConnectHeader(topic: string, _headerKey: string, bytes: Buffer | null): SchemaAndValue {
    return this.toConnectData(topic, bytes);
  }
}

function bytesOf(schema: Schema | undefined, value: Value | undefined, where: string): Buffer | null {
  if (schema !== undefined && schema.type !== SchemaType.SCHEMA_TYPE_BYTES) {
    throw new DataError(
      `ByteArrayConverter cannot write a ${connectTypeName(schema.type)} schema ${where}; ` +
        "it only takes BYTES, so use JsonConverter or StringConverter for other types",
    );
  }
  if (isNullValue(value)) return null;
  const kind = value?.kind;
  if (kind?.$case !== "bytesValue") {
    throw new DataError(
      `ByteArrayConverter cannot write a ${kind?.$case} ${where}; it only takes bytesValue`,
    );
  }
  return kind.value;
}
