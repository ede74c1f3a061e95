import {
  type Converter,
  converterConfigFrom,
  createConverter,
  createHeaderConverter,
  DEFAULT_CONVERTER_CLASS,
  DEFAULT_HEADER_CONVERTER_CLASS,
  type HeaderConverter,
} from "@connect-mesh/converters";

/** A task's key, value and header converters. */
export interface TaskConverters {
  readonly key: Converter;
  readonly value: Converter;
  readonly header: HeaderConverter;
}

/**
 * The converters a task's config asks for (`key.converter`, `value.converter`, `header.converter` and
 * their `.`-prefixed settings, e.g. `value.converter.schemas.enable`), or the worker's defaults.
 */
export function taskConvertersFrom(config: Readonly<Record<string, string>>): TaskConverters {
  return {
    key: createConverter(
      config["key.converter"] ?? DEFAULT_CONVERTER_CLASS,
      converterConfigFrom(config, "key.converter"),
      { isKey: true },
    ),
    value: createConverter(
      config["value.converter"] ?? DEFAULT_CONVERTER_CLASS,
      converterConfigFrom(config, "value.converter"),
      { isKey: false },
    ),
    header: createHeaderConverter(
      config["header.converter"] ?? DEFAULT_HEADER_CONVERTER_CLASS,
      converterConfigFrom(config, "header.converter"),
    ),
  };
}
