import { type Converter, converterConfigFrom, createConverter } from "@connect-mesh/converters";

/** The worker's default converters, as in Kafka Connect's quickstart worker config. */
const DEFAULT_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

/** A task's key and value converters. */
export interface TaskConverters {
  readonly key: Converter;
  readonly value: Converter;
}

/**
 * The converters a task's config asks for (`key.converter`, `value.converter` and their `.`-prefixed
 * settings, e.g. `value.converter.schemas.enable`), or the worker's defaults.
 */
export function taskConvertersFrom(config: Readonly<Record<string, string>>): TaskConverters {
  return {
    key: createConverter(
      config["key.converter"] ?? DEFAULT_CONVERTER,
      converterConfigFrom(config, "key.converter"),
      {
        isKey: true,
      },
    ),
    value: createConverter(
      config["value.converter"] ?? DEFAULT_CONVERTER,
      converterConfigFrom(config, "value.converter"),
      { isKey: false },
    ),
  };
}
