/**
 * Kafka Connect's converters on the contract's Data API: a record key, value or header value (a Schema and
 * a Value) to the bytes stored in Kafka, and back, with the bytes Connect itself would write.
 *
 * Pick a key or value converter by Connect's `key.converter` / `value.converter` class name with
 * `createConverter`, and a header converter by `header.converter` with `createHeaderConverter`, giving
 * each its own keys (`converterConfigFrom(connectorConfig, "value.converter")`, and likewise for
 * "key.converter" and "header.converter"). Connect's default header converter is SimpleHeaderConverter;
 * JsonConverter, StringConverter and ByteArrayConverter serve as header converters too.
 *
 * Where we differ from Connect on purpose:
 * - Bytes printed as text (StringConverter writing a BYTES value) are base64. Connect prints a byte[]
 *   with Java's Object.toString, an identity hash such as "[B@1b6d3586" that differs on every run and
 *   cannot be read back; base64 is what Connect's own Values and JsonConverter use for bytes.
 * - A value that does not fit its schema is an error naming the field, where Connect sometimes coerces
 *   it quietly (300 as an INT8, a string as a BOOLEAN).
 * - Instants are printed and parsed in UTC, the usual worker time zone; Connect uses the JVM's.
 */

// The converters.
export { ByteArrayConverter } from "./byte-array-converter.js";
// The contract every converter implements.
export type {
  Converter,
  ConverterConfig,
  ConverterOptions,
  FlatData,
  HeaderConverter,
  SchemaAndValue,
} from "./converter.js";
export { ConverterConfigError } from "./converter-config-error.js";
// Choosing and configuring a converter by Connect's class names.
export { converterConfigFrom } from "./converter-config-from.js";
export {
  createConverter,
  createHeaderConverter,
  resolveConverterClass,
  resolveHeaderConverterClass,
} from "./create-converter.js";
// Numbers and type names as Java and Connect print them, for other libraries whose output and messages must
// match Connect's (e.g. the Cast transform).
export { javaBigDecimalTextOf, javaDoubleText, javaFloatText } from "./internal/java-number-text.js";
// Whether two values are the same in every field, for code that reuses what it made of the last one.
export { isSameValue } from "./internal/same-data.js";
export { connectTypeName } from "./internal/schema-type-names.js";
export { JsonConverter } from "./json-converter.js";
export type { DecimalFormat, JsonConverterSettings } from "./json-converter-config.js";
export { parseJsonConverterConfig } from "./json-converter-config.js";
export { LastRepeated } from "./last-repeated.js";
export {
  CONVERTERS_VERSION,
  DEFAULT_CONVERTER_CLASS,
  DEFAULT_HEADER_CONVERTER_CLASS,
} from "./runtime-converters.js";
export { SimpleHeaderConverter } from "./simple-header-converter.js";
export { StringConverter } from "./string-converter.js";
// Connect's text form of values, which SimpleHeaderConverter stores.
export { Values } from "./values.js";
