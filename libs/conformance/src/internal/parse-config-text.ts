import { ConfigType } from "@connect-mesh/proto";

/** A config value parsed by its type, as far as the kit needs to check a default against its rules. */
export type TypedConfigValue = boolean | number | bigint | string | readonly string[];

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Infinity|NaN)$/;
const INTEGER_BOUNDS: Partial<Record<ConfigType, readonly [bigint, bigint]>> = {
  [ConfigType.CONFIG_TYPE_SHORT]: [-(2n ** 15n), 2n ** 15n - 1n],
  [ConfigType.CONFIG_TYPE_INT]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ConfigType.CONFIG_TYPE_LONG]: [-(2n ** 63n), 2n ** 63n - 1n],
};

/**
 * Parses a config value's text the way Kafka Connect's ConfigDef.parseType reads it (numbers and booleans
 * trimmed, booleans in any case, lists split on commas), or returns undefined when it does not parse.
 * Types the kit cannot judge (UNSPECIFIED, unknown numbers) also give undefined.
 */
export function parseConfigText(type: ConfigType, text: string): TypedConfigValue | undefined {
  const trimmed = text.trim();
  switch (type) {
    case ConfigType.CONFIG_TYPE_STRING:
    case ConfigType.CONFIG_TYPE_PASSWORD:
      return text;
    case ConfigType.CONFIG_TYPE_CLASS:
      return trimmed;
    case ConfigType.CONFIG_TYPE_BOOLEAN: {
      const lower = trimmed.toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : undefined;
    }
    case ConfigType.CONFIG_TYPE_SHORT:
    case ConfigType.CONFIG_TYPE_INT:
    case ConfigType.CONFIG_TYPE_LONG: {
      const bounds = INTEGER_BOUNDS[type];
      if (bounds === undefined || !INTEGER.test(trimmed)) return undefined;
      const value = BigInt(trimmed);
      if (value < bounds[0] || value > bounds[1]) return undefined;
      return type === ConfigType.CONFIG_TYPE_LONG ? value : Number(value);
    }
    case ConfigType.CONFIG_TYPE_DOUBLE:
      return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
    case ConfigType.CONFIG_TYPE_LIST:
      return trimmed === "" ? [] : trimmed.split(/\s*,\s*/);
    default:
      return undefined;
  }
}

/** Whether values of `type` are numbers, so that a range rule applies to them. */
export function isNumericType(type: ConfigType): boolean {
  return (
    type === ConfigType.CONFIG_TYPE_SHORT ||
    type === ConfigType.CONFIG_TYPE_INT ||
    type === ConfigType.CONFIG_TYPE_LONG ||
    type === ConfigType.CONFIG_TYPE_DOUBLE
  );
}

/** An enum value's name ("CONFIG_TYPE_INT"), or its number when the kit does not know it. */
export function configTypeName(type: ConfigType): string {
  return ConfigType[type] ?? `unknown type ${type}`;
}
