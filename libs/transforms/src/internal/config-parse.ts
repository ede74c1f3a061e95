import type { ConfigKeyType, ParsedValue } from "./config-keys.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Parses a config string as Connect's ConfigDef.parseType does: STRING values are trimmed; a LIST is
 * split on commas with the spaces around them removed (an empty string is an empty list); a BOOLEAN is
 * "true" or "false" in any case; an INT is a whole number in 32 bits.
 */
export function parseConfigValue(
  type: ConfigKeyType,
  raw: string,
): { ok: true; value: ParsedValue } | { ok: false; message: string } {
  const text = raw.trim();
  switch (type) {
    case "string":
      return { ok: true, value: text };
    case "list":
      return { ok: true, value: text === "" ? [] : text.split(/\s*,\s*/) };
    case "boolean": {
      const lower = text.toLowerCase();
      if (lower === "true" || lower === "false") return { ok: true, value: lower === "true" };
      return { ok: false, message: "Expected value to be either true or false" };
    }
    case "int": {
      const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX) return { ok: true, value: n };
      return { ok: false, message: "Not a number of type INT" };
    }
  }
}

/** A list as Java's List.toString prints it, which is how Connect shows a list value in its messages. */
export function javaListText(items: readonly string[]): string {
  return `[${items.join(", ")}]`;
}
