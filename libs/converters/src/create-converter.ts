import { ByteArrayConverter } from "./byte-array-converter.js";
import type { Converter, ConverterConfig, ConverterOptions, HeaderConverter } from "./converter.js";
import { ConverterConfigError } from "./converter-config-error.js";
import { JsonConverter } from "./json-converter.js";
import { SimpleHeaderConverter } from "./simple-header-converter.js";
import { StringConverter } from "./string-converter.js";

interface Plugin<T> {
  readonly className: string;
  /**
   * Connect's plugin aliases: the simple class name, and that name without its plugin type's suffix
   * ("Converter", or "HeaderConverter" for a class that is only a header converter).
   */
  readonly aliases: readonly string[];
  readonly create: (config: ConverterConfig, options: ConverterOptions) => T;
}

const JSON_CONVERTER = {
  className: "org.apache.kafka.connect.json.JsonConverter",
  aliases: ["JsonConverter", "Json"],
  create: (config: ConverterConfig, options: ConverterOptions) => new JsonConverter(config, options),
};
const STRING_CONVERTER = {
  className: "org.apache.kafka.connect.storage.StringConverter",
  aliases: ["StringConverter", "String"],
  create: (config: ConverterConfig, options: ConverterOptions) => new StringConverter(config, options),
};
const BYTE_ARRAY_CONVERTER = {
  className: "org.apache.kafka.connect.converters.ByteArrayConverter",
  aliases: ["ByteArrayConverter", "ByteArray"],
  create: () => new ByteArrayConverter(),
};

/** The `key.converter` / `value.converter` classes. */
const CONVERTERS: readonly Plugin<Converter>[] = [JSON_CONVERTER, STRING_CONVERTER, BYTE_ARRAY_CONVERTER];

/** The `header.converter` classes: Connect's default, and every converter that is also a header converter. */
const HEADER_CONVERTERS: readonly Plugin<HeaderConverter>[] = [
  {
    className: "org.apache.kafka.connect.storage.SimpleHeaderConverter",
    aliases: ["SimpleHeaderConverter", "Simple"],
    create: () => new SimpleHeaderConverter(),
  },
  JSON_CONVERTER,
  STRING_CONVERTER,
  BYTE_ARRAY_CONVERTER,
];

const CONVERTERS_BY_NAME = byName(CONVERTERS);
const HEADER_CONVERTERS_BY_NAME = byName(HEADER_CONVERTERS);

/**
 * Connect's full class name for a converter class name or alias (e.g. "JsonConverter" gives
 * "org.apache.kafka.connect.json.JsonConverter"), or undefined when it is not a known converter. Names are
 * case-sensitive, as Java class names and Connect's aliases are.
 */
export function resolveConverterClass(className: string): string | undefined {
  return CONVERTERS_BY_NAME.get(className.trim())?.className;
}

/**
 * Connect's full class name for a `header.converter` class name or alias (e.g. "SimpleHeaderConverter"
 * or "Simple" gives "org.apache.kafka.connect.storage.SimpleHeaderConverter"), or undefined when it is
 * not a known header converter.
 */
export function resolveHeaderConverterClass(className: string): string | undefined {
  return HEADER_CONVERTERS_BY_NAME.get(className.trim())?.className;
}

/**
 * Creates and configures a converter from a `key.converter` / `value.converter` class name (Connect's full
 * class name or its alias) and the converter's own config (see converterConfigFrom).
 *
 * @throws ConverterConfigError for an unknown class name, listing the known ones, or for invalid config.
 */
export function createConverter(
  className: string,
  config: ConverterConfig,
  options: ConverterOptions,
): Converter {
  return pluginFor(CONVERTERS, CONVERTERS_BY_NAME, className, "converter").create(config, options);
}

/**
 * Creates and configures a header converter from a `header.converter` class name (Connect's full class
 * name or its alias) and its own config (`converterConfigFrom(config, "header.converter")`). As in
 * Connect, JsonConverter, StringConverter and ByteArrayConverter serve as header converters too, converting
 * each header value as they would a record value.
 *
 * @throws ConverterConfigError for an unknown class name, listing the known ones, or for invalid config.
 */
export function createHeaderConverter(className: string, config: ConverterConfig): HeaderConverter {
  return pluginFor(HEADER_CONVERTERS, HEADER_CONVERTERS_BY_NAME, className, "header converter").create(
    config,
    {
      isKey: false,
    },
  );
}

function byName<T>(plugins: readonly Plugin<T>[]): ReadonlyMap<string, Plugin<T>> {
  return new Map(
    plugins.flatMap((plugin) => [plugin.className, ...plugin.aliases].map((name) => [name, plugin])),
  );
}

function pluginFor<T>(
  plugins: readonly Plugin<T>[],
  byName: ReadonlyMap<string, Plugin<T>>,
  className: string,
  kind: string,
): Plugin<T> {
  const plugin = byName.get(className.trim());
  if (plugin !== undefined) return plugin;
  const known = plugins.map((p) => `${p.className} (or ${p.aliases.join(", ")})`).join("; ");
  throw new ConverterConfigError(`"${className}" is not a known ${kind} class; use one of: ${known}`);
}
