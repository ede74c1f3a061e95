import { ConfigType } from "@connect-mesh/proto";
import type { ParsedConfigValue } from "../config-validators.js";

/** A parsed value, or what kept the text from parsing. */
export type ParseOutcome =
  | { readonly ok: true; readonly value: ParsedConfigValue }
  | { readonly ok: false; readonly problem: string };

const INTEGER = /^[+-]?\d+$/;
// Java's Double.parseDouble accepts more (hex floats, a trailing "d"), but no one writes those in a config.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Infinity|NaN)$/;

const INT_BOUNDS: Partial<Record<ConfigType, readonly [bigint, bigint]>> = {
  [ConfigType.CONFIG_TYPE_SHORT]: [-(2n ** 15n), 2n ** 15n - 1n],
  [ConfigType.CONFIG_TYPE_INT]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ConfigType.CONFIG_TYPE_LONG]: [-(2n ** 63n), 2n ** 63n - 1n],
};

/**
 * Parses a config value from its string form the way Kafka Connect's ConfigDef.parseType does: strings and
 * passwords as given, everything else trimmed first; booleans are "true" or "false" in any case; a list
 * is comma-separated with the spaces around each comma dropped, and an empty text is an empty list.
 */
export function parseConfigText(type: ConfigType, text: string): ParseOutcome {
  switch (type) {
    case ConfigType.CONFIG_TYPE_STRING:
    case ConfigType.CONFIG_TYPE_PASSWORD:
      return { ok: true, value: text };
    case ConfigType.CONFIG_TYPE_CLASS:
      return { ok: true, value: text.trim() };
    case ConfigType.CONFIG_TYPE_BOOLEAN: {
      const lower = text.trim().toLowerCase();
      if (lower === "true" || lower === "false") return { ok: true, value: lower === "true" };
      return { ok: false, problem: "Expected value to be either true or false" };
    }
    case ConfigType.CONFIG_TYPE_SHORT:
    case ConfigType.CONFIG_TYPE_INT:
    case ConfigType.CONFIG_TYPE_LONG:
      return parseInteger(type, text.trim());
    case ConfigType.CONFIG_TYPE_DOUBLE: {
      const trimmed = text.trim();
      if (!DECIMAL.test(trimmed)) return { ok: false, problem: "Not a number of type DOUBLE" };
      return { ok: true, value: Number(trimmed) };
    }
    case ConfigType.CONFIG_TYPE_LIST: {
      const trimmed = text.trim();
      return { ok: true, value: trimmed === "" ? [] : trimmed.split(/\s*,\s*/) };
    }
    default:
      return { ok: false, problem: `the plugin defines this key with an unknown type (${type})` };
  }
}

function parseInteger(type: ConfigType, text: string): ParseOutcome {
  const name = typeName(type);
  const bounds = INT_BOUNDS[type];
  if (!INTEGER.test(text) || bounds === undefined)
    return { ok: false, problem: `Not a number of type ${name}` };
  const value = BigInt(text);
  if (value < bounds[0] || value > bounds[1]) return { ok: false, problem: `Not a number of type ${name}` };
  return { ok: true, value: type === ConfigType.CONFIG_TYPE_LONG ? value : Number(value) };
}

function typeName(type: ConfigType): string {
  switch (type) {
    case ConfigType.CONFIG_TYPE_SHORT:
      return "SHORT";
    case ConfigType.CONFIG_TYPE_LONG:
      return "LONG";
    default:
      return "INT";
  }
}
