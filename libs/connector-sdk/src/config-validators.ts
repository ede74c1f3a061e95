import type { ConfigValidator } from "@connect-mesh/proto";
import { FatalError } from "./errors.js";

/**
 * The rules a config value can be held to. They travel in `Describe` (so a UI can show them) and are
 * checked by `Validate`, with Kafka Connect's messages so that users moving from Connect recognise them.
 */
export const validators = {
  /** A number within bounds, both inclusive; leave a bound out to keep that side open (Connect's Range). */
  range(bounds: { readonly min?: number; readonly max?: number }): ConfigValidator {
    return { rule: { $case: "range", value: { min: bounds.min, max: bounds.max } } };
  },
  /** One of a fixed set of values (Connect's ValidString / CaseInsensitiveValidString, ValidList). */
  oneOf(values: readonly string[], options: { readonly caseInsensitive?: boolean } = {}): ConfigValidator {
    return {
      rule: {
        $case: "allowed",
        value: { values: [...values], caseInsensitive: options.caseInsensitive ?? false },
      },
    };
  },
  /** A string that is not empty (Connect's NonEmptyString). */
  nonEmpty(): ConfigValidator {
    return { rule: { $case: "nonEmpty", value: {} } };
  },
  /** A string matching an ECMAScript regular expression, anchored at both ends. */
  pattern(regex: string): ConfigValidator {
    return { rule: { $case: "pattern", value: regex } };
  },
} as const;

/** A parsed config value, as `checkValidator` sees it. */
export type ParsedConfigValue = boolean | number | bigint | string | readonly string[];

/**
 * Checks one parsed value against one rule. Returns what is wrong, in Connect's words, or undefined when
 * the value follows the rule. A list is checked element by element, as Connect's ValidList does.
 */
export function checkValidator(validator: ConfigValidator, value: ParsedConfigValue): string | undefined {
  const rule = validator.rule;
  if (rule === undefined) return undefined;
  if (Array.isArray(value)) {
    for (const element of value as readonly string[]) {
      const problem = checkValidator(validator, element);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  switch (rule.$case) {
    case "range": {
      if (typeof value !== "number" && typeof value !== "bigint") return undefined;
      const { min, max } = rule.value;
      if (min !== undefined && value < min) return `Value must be at least ${min}`;
      if (max !== undefined && value > max) return `Value must be no more than ${max}`;
      return undefined;
    }
    case "allowed": {
      const { values, caseInsensitive } = rule.value;
      const text = String(value);
      const found = caseInsensitive
        ? values.some((allowed) => allowed.toLowerCase() === text.toLowerCase())
        : values.includes(text);
      if (found) return undefined;
      return `String must be one of${caseInsensitive ? " (case insensitive)" : ""}: ${values.join(", ")}`;
    }
    case "nonEmpty":
      return value === "" ? "String may not be empty" : undefined;
    case "pattern":
      return new RegExp(`^(?:${rule.value})$`).test(String(value))
        ? undefined
        : `Value must match the pattern ${rule.value}`;
  }
}

/**
 * A `oneOf(..., { caseInsensitive: true })` key's parsed value as the one of `allowed` it matches, in that
 * spelling (Confluent's connectors read such keys in any case). The validator has admitted only these, so a
 * miss is a config that skipped parsing: a FatalError naming the key.
 */
export function allowedValue<T extends string>(allowed: readonly T[], value: string, key: string): T {
  const found = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (found === undefined) {
    throw new FatalError(`${key} "${value}" is not one of ${allowed.join(", ")}; fix the connector config`);
  }
  return found;
}
