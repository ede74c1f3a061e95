import type { ParsedValue } from "./config-keys.js";
import { JavaDateFormat } from "./java-date-format.js";

/** The value must be a SimpleDateFormat pattern (Connect finds a bad one when it configures the transform). */
export function validDateFormat(value: ParsedValue): string | undefined {
  try {
    JavaDateFormat.compile(String(value));
    return undefined;
  } catch (e) {
    return `not a SimpleDateFormat-compatible pattern: ${(e as Error).message}`;
  }
}
