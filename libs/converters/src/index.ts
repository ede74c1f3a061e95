/**
 * Kafka Connect's converters on the contract's Data API: a record key or value (a Schema and a Value) to
 * the bytes stored in Kafka, and back, with the bytes Connect itself would write.
 *
 * Pick one by Connect's `key.converter` / `value.converter` class name with `createConverter`, giving it
 * the converter's own keys (`converterConfigFrom(connectorConfig, "value.converter")`).
 */

// The converters.
export { ByteArrayConverter } from "./byte-array-converter.js";
// The contract every converter implements.
export type { Converter, ConverterConfig, ConverterOptions, SchemaAndValue } from "./converter.js";
export { ConverterConfigError } from "./converter-config-error.js";
// Choosing and configuring a converter by Connect's class names.
export { converterConfigFrom } from "./converter-config-from.js";
export { createConverter, resolveConverterClass } from "./create-converter.js";
// Numbers and type names as Java and Connect print them, for other libraries whose output and messages must
// match Connect's (e.g. the Cast transform).
export { javaBigDecimalText, javaDoubleText, javaFloatText } from "./internal/java-number-text.js";
export { connectTypeName } from "./internal/schema-type-names.js";
export { JsonConverter } from "./json-converter.js";
export type { DecimalFormat, JsonConverterSettings } from "./json-converter-config.js";
export { parseJsonConverterConfig } from "./json-converter-config.js";
export { StringConverter } from "./string-converter.js";
