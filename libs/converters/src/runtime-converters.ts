/**
 * The version the built-in converters report, as `GET /connector-plugins?connectorsOnly=false` lists them
 * and as `key.converter.plugin.version` (and the value and header ones) must name: they ship with the
 * runtime, one version of each.
 */
export const CONVERTERS_VERSION = "0.1.0";

/**
 * The converters a task gets when its config names none: what the worker runs, and what validate shows as
 * the defaults. Keys and values: JsonConverter, as in Kafka Connect's quickstart worker config.
 */
export const DEFAULT_CONVERTER_CLASS = "org.apache.kafka.connect.json.JsonConverter";

/** Kafka Connect's default `header.converter`. */
export const DEFAULT_HEADER_CONVERTER_CLASS = "org.apache.kafka.connect.storage.SimpleHeaderConverter";
