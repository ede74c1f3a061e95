import { isUtf8 } from "node:buffer";
import { DataError, flatValueOf } from "@connect-mesh/data";
import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type {
  Converter,
  ConverterConfig,
  ConverterOptions,
  FlatData,
  HeaderConverter,
  SchemaAndValue,
} from "./converter.js";
import { type Charset, charsetFor } from "./internal/charset.js";
import { javaText } from "./internal/java-text.js";
import { isNullValue } from "./internal/null-value.js";

/** What every value read has; a copy goes with each read value, the shared one with flat reads. */
const READ_SCHEMA: Schema = Object.freeze(
  Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING, optional: true }),
);

/**
 * org.apache.kafka.connect.storage.StringConverter: values as text in `converter.encoding` (UTF-8 by
 * default).
 *
 * Writing takes any value and prints it as Connect does with Java's toString (a number as its text, 1.0
 * for a whole double, a struct as "Struct{…}"); a null value gives null bytes, whatever the schema. Bytes
 * are the one exception: Java would print an identity hash such as "[B@1b6d3586", so they are printed as
 * base64 instead. Reading always gives an optional STRING schema, with a null value for null bytes. The schema is
 * not written, so a non-string value does not come back as it went in.
 */
export class StringConverter implements Converter, HeaderConverter {
  /** The canonical name of the configured character set, e.g. "UTF-8". */
  readonly encoding: string;
  private readonly charset: Charset;
  private readonly role: "key" | "value";

  /**
   * @param config - Connect's key: `converter.encoding`, a Java charset name.
   * @throws ConverterConfigError for an encoding that is not supported.
   */
  constructor(config: ConverterConfig = {}, options: ConverterOptions = { isKey: false }) {
    this.charset = charsetFor(config["converter.encoding"] ?? "UTF-8", "converter.encoding");
    this.encoding = this.charset.name;
    this.role = options.isKey ? "key" : "value";
  }

  /** Prints the value and encodes the text; null for a null value. */
  fromConnectData(topic: string, schema: Schema | undefined, value: Value | undefined): Buffer | null {
    return this.print(schema, value, `the ${this.role} for topic "${topic}"`);
  }

  /** UTF-8 text in a UTF-8 converter is already its own bytes; anything else is printed as usual. */
  fromFlatData(topic: string, schema: Schema, bytes: Buffer): Buffer | null {
    if (schema.type === SchemaType.SCHEMA_TYPE_STRING && this.charset.name === "UTF-8" && isUtf8(bytes))
      return bytes;
    return this.fromConnectData(topic, schema, flatValueOf(schema, bytes));
  }

  /** UTF-8 bytes in a UTF-8 converter are already the text's flat form. */
  toFlatData(_topic: string, bytes: Buffer | null): FlatData | undefined {
    if (bytes === null || this.charset.name !== "UTF-8" || !isUtf8(bytes)) return undefined;
    return { schema: READ_SCHEMA, bytes };
  }

  /** Decodes the bytes as text with an optional STRING schema. */
  toConnectData(_topic: string, bytes: Buffer | null): SchemaAndValue {
    const schema = Schema.fromPartial(READ_SCHEMA);
    if (bytes === null) return { schema, value: undefined };
    return { schema, value: { kind: { $case: "stringValue", value: this.charset.decode(bytes) } } };
  }

  /** A header value is printed as a record value is, as Connect's StringConverter does. */
  fromConnectHeader(
    topic: string,
    headerKey: string,
    schema: Schema | undefined,
    value: Value | undefined,
  ): Buffer | null {
    return this.print(schema, value, `header "${headerKey}" for topic "${topic}"`);
  }

  /** A header value is decoded as a record value is, as Connect's StringConverter does. */
  toConnectHeader(topic: string, _headerKey: string, bytes: Buffer | null): SchemaAndValue {
    return this.toConnectData(topic, bytes);
  }

  private print(schema: Schema | undefined, value: Value | undefined, what: string): Buffer | null {
    if (isNullValue(value)) return null;
    try {
      return this.charset.encode(javaText(schema, value));
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      throw new DataError(`StringConverter could not print ${what}: ${e.message}`, { cause: e });
    }
  }
}
