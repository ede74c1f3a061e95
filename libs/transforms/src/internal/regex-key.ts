import type { ParsedValue } from "./config-keys.js";
import { JavaPattern } from "./java-regex.js";

/** Connect's RegexValidator: the value must compile as a Java regular expression. */
export function validRegex(value: ParsedValue): string | undefined {
  try {
    JavaPattern.compile(String(value));
    return undefined;
  } catch (e) {
    return `Invalid regex: ${(e as Error).message}`;
  }
}
