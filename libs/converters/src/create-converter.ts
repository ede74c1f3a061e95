import { ByteArrayConverter } from "./byte-array-converter.js";
import type { Converter, ConverterConfig, ConverterOptions } from "./converter.js";
import { ConverterConfigError } from "./converter-config-error.js";
import { JsonConverter } from "./json-converter.js";
import { StringConverter } from "./string-converter.js";

interface ConverterPlugin {
  readonly className: string;
  /** Connect's plugin aliases: the simple class name, and that name without the "Converter" suffix. */
  readonly aliases: readonly string[];
  readonly create: (config: ConverterConfig, options: ConverterOptions) => Converter;
}

const PLUGINS: readonly ConverterPlugin[] = [
  {
    className: "org.apache.kafka.connect.json.JsonConverter",
    aliases: ["JsonConverter", "Json"],
    create: (config, options) => new JsonConverter(config, options),
  },
  {
    className: "org.apache.kafka.connect.storage.StringConverter",
    aliases: ["StringConverter", "String"],
    create: (config, options) => new StringConverter(config, options),
  },
  {
    className: "org.apache.kafka.connect.converters.ByteArrayConverter",
    aliases: ["ByteArrayConverter", "ByteArray"],
    create: () => new ByteArrayConverter(),
  },
];

const BY_NAME: ReadonlyMap<string, ConverterPlugin> = new Map(
  PLUGINS.flatMap((plugin) => [plugin.className, ...plugin.aliases].map((name) => [name, plugin] as const)),
);

/**
 * Connect's full class name for a converter class name or alias (e.g. "JsonConverter" gives
 * "org.apache.kafka.connect.json.JsonConverter"), or undefined when it is not a known converter. Names are
 * case-sensitive, as Java class names and Connect's aliases are.
 */
export function resolveConverterClass(className: string): string | undefined {
  return BY_NAME.get(className.trim())?.className;
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
  const plugin = BY_NAME.get(className.trim());
  if (plugin === undefined) {
    const known = PLUGINS.map((p) => `${p.className} (or ${p.aliases.join(", ")})`).join("; ");
    throw new ConverterConfigError(`"${className}" is not a known converter class; use one of: ${known}`);
  }
  return plugin.create(config, options);
}
