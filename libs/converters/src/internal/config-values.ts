import type { ConverterConfig } from "../converter.js";
import { ConverterConfigError } from "../converter-config-error.js";

/**
 * A BOOLEAN config value, read as Connect's ConfigDef does: "true" or "false" in any case, trimmed.
 *
 * @throws ConverterConfigError for any other text.
 */
export function readBoolean(config: ConverterConfig, key: string, defaultValue: boolean): boolean {
  const raw = config[key];
  if (raw === undefined) return defaultValue;
  const text = raw.trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  throw new ConverterConfigError(`${key}="${raw}" is not a boolean; use true or false`, key);
}

/**
 * A config value that must be one of `choices`, compared case-insensitively as Connect's
 * CaseInsensitiveValidString does, and returned in the spelling of `choices`.
 *
 * @throws ConverterConfigError listing the choices.
 */
export function readChoice<const T extends string>(
  config: ConverterConfig,
  key: string,
  choices: readonly T[],
  defaultValue: T,
): T {
  const raw = config[key];
  if (raw === undefined) return defaultValue;
  const choice = choices.find((c) => c.toLowerCase() === raw.trim().toLowerCase());
  if (choice !== undefined) return choice;
  throw new ConverterConfigError(`${key}="${raw}" is not valid; use one of ${choices.join(", ")}`, key);
}

/** Java's int range, which Connect's INT config type enforces. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * An INT config value, read as Connect's ConfigDef does (Integer.parseInt of the trimmed text): an optional
 * sign and decimal digits, within Java's int range.
 *
 * @throws ConverterConfigError for any other text.
 */
export function readInt(config: ConverterConfig, key: string, defaultValue: number): number {
  const raw = config[key];
  if (raw === undefined) return defaultValue;
  const text = raw.trim();
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX) return n;
  throw new ConverterConfigError(
    `${key}="${raw}" is not a whole number between ${INT_MIN} and ${INT_MAX}`,
    key,
  );
}
