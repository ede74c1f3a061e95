import {
  type ConfigDefinition,
  ConfigImportance,
  ConfigType,
  type ConfigValidator,
} from "@connect-mesh/proto";
import {
  configTypeName,
  isNumericType,
  parseConfigText,
  type TypedConfigValue,
} from "../internal/parse-config-text.js";

/**
 * Everything wrong with a plugin's config definitions, one message per problem, empty when they are well
 * formed: every key named once, typed, with an importance and documentation; a required key has no
 * default; a PASSWORD is secret; validators are consistent (a rule set, a range with min <= max on a
 * numeric key, a non-empty allowed list, a pattern that compiles); and a default parses as its type and
 * follows its own rules.
 *
 * A key that is neither required nor has a default is accepted: it is Kafka Connect's `null` default,
 * which the contract cannot tell apart from "no default".
 */
export function configDefinitionProblems(definitions: readonly ConfigDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const [index, definition] of definitions.entries()) {
    if (definition.name.trim() === "") {
      problems.push(`config definition #${index + 1} has no name`);
    } else {
      seen.set(definition.name, (seen.get(definition.name) ?? 0) + 1);
    }
    problems.push(...definitionProblems(definition, index));
  }
  for (const [name, count] of seen) {
    if (count > 1) problems.push(`"${name}" is defined ${count} times; names must be unique`);
  }
  return problems;
}

function definitionProblems(definition: ConfigDefinition, index: number): string[] {
  const key = definition.name.trim() === "" ? `config definition #${index + 1}` : `"${definition.name}"`;
  const problems: string[] = [];
  const typeName = configTypeName(definition.type);
  const isKnownType = ConfigType[definition.type] !== undefined && definition.type > 0;
  if (!isKnownType) problems.push(`${key} has type ${typeName}; expected one of BOOLEAN..PASSWORD`);
  if (!(definition.importance in ConfigImportance) || definition.importance <= 0) {
    problems.push(
      `${key} has importance ${ConfigImportance[definition.importance] ?? definition.importance}; expected HIGH, MEDIUM or LOW`,
    );
  }
  if (definition.documentation.trim() === "") problems.push(`${key} has no documentation`);
  if (definition.required && definition.defaultValue !== undefined) {
    problems.push(
      `${key} is required but has the default ${JSON.stringify(definition.defaultValue)}; a key with a default is not required`,
    );
  }
  if (definition.type === ConfigType.CONFIG_TYPE_PASSWORD && !definition.secret) {
    problems.push(`${key} is a PASSWORD but secret is false; passwords are always secret`);
  }
  for (const validator of definition.validators) {
    const problem = validatorProblem(validator, definition.type);
    if (problem !== undefined) problems.push(`${key} ${problem}`);
  }
  if (definition.defaultValue !== undefined && isKnownType) {
    problems.push(...defaultProblems(key, definition, definition.defaultValue));
  }
  return problems;
}

function validatorProblem(validator: ConfigValidator, type: ConfigType): string | undefined {
  const rule = validator.rule;
  if (rule === undefined) return "has a validator with no rule set";
  switch (rule.$case) {
    case "range": {
      const { min, max } = rule.value;
      if (Number.isNaN(min) || Number.isNaN(max)) return "has a range with a NaN bound";
      if (min !== undefined && max !== undefined && min > max) {
        return `has a range with min ${min} > max ${max}, which no value can satisfy`;
      }
      if (!isNumericType(type))
        return `has a range rule, but its type ${configTypeName(type)} is not numeric`;
      return undefined;
    }
    case "allowed":
      return rule.value.values.length === 0 ? "has an allowed-values rule that allows no value" : undefined;
    case "pattern":
      try {
        new RegExp(rule.value);
        return undefined;
      } catch (error) {
        return `has the pattern ${JSON.stringify(rule.value)}, which is not an ECMAScript regular expression (${error instanceof Error ? error.message : String(error)})`;
      }
    case "nonEmpty":
      return undefined;
  }
}

function defaultProblems(key: string, definition: ConfigDefinition, text: string): string[] {
  const value = parseConfigText(definition.type, text);
  if (value === undefined) {
    return [
      `${key} has the default ${JSON.stringify(text)}, which is not a valid ${configTypeName(definition.type)}`,
    ];
  }
  const problems: string[] = [];
  for (const validator of definition.validators) {
    const broken = brokenRule(validator, value);
    if (broken !== undefined)
      problems.push(`${key} has the default ${JSON.stringify(text)}, which breaks its own rule: ${broken}`);
  }
  return problems;
}

/** What rule `value` breaks, or undefined when it follows it (or the kit cannot judge it). */
function brokenRule(validator: ConfigValidator, value: TypedConfigValue): string | undefined {
  const rule = validator.rule;
  if (rule === undefined) return undefined;
  if (Array.isArray(value)) {
    // Lists are checked element by element, as Connect's ValidList does.
    for (const element of value as readonly string[]) {
      const broken = brokenRule(validator, element);
      if (broken !== undefined) return broken;
    }
    return undefined;
  }
  switch (rule.$case) {
    case "range": {
      if (typeof value !== "number" && typeof value !== "bigint") return undefined;
      const { min, max } = rule.value;
      if (min !== undefined && value < min) return `at least ${min}`;
      if (max !== undefined && value > max) return `no more than ${max}`;
      return undefined;
    }
    case "allowed": {
      const text = String(value);
      const { values, caseInsensitive } = rule.value;
      const isAllowed = caseInsensitive
        ? values.some((allowed) => allowed.toLowerCase() === text.toLowerCase())
        : values.includes(text);
      return isAllowed ? undefined : `one of ${values.join(", ")}`;
    }
    case "nonEmpty":
      return value === "" ? "not empty" : undefined;
    case "pattern": {
      // The contract does not say whether a pattern is anchored; only a value with no match anywhere in
      // it breaks the rule under either reading, so that is all the kit calls a broken default.
      const pattern = safeRegExp(rule.value);
      return pattern === undefined || pattern.test(String(value)) ? undefined : `matches ${rule.value}`;
    }
  }
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    // validatorProblem reports the invalid pattern; here it simply cannot judge the default.
    return undefined;
  }
}
