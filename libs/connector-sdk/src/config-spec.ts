import {
  type ConfigDefinition,
  ConfigImportance,
  ConfigType,
  type ConfigValidator,
  type ConfigValueResult,
} from "@connect-mesh/proto";
import { checkValidator, type ParsedConfigValue } from "./config-validators.js";
import { ConfigError, type ConfigProblem, FatalError } from "./errors.js";
import { parseConfigText } from "./internal/config-parse.js";

/** A connector or task config as it travels: every value a string, keyed by Connect's dotted names. */
export type ConfigMap = Readonly<Record<string, string>>;

const CONFIG_TYPES = {
  boolean: ConfigType.CONFIG_TYPE_BOOLEAN,
  string: ConfigType.CONFIG_TYPE_STRING,
  int: ConfigType.CONFIG_TYPE_INT,
  short: ConfigType.CONFIG_TYPE_SHORT,
  long: ConfigType.CONFIG_TYPE_LONG,
  double: ConfigType.CONFIG_TYPE_DOUBLE,
  list: ConfigType.CONFIG_TYPE_LIST,
  class: ConfigType.CONFIG_TYPE_CLASS,
  password: ConfigType.CONFIG_TYPE_PASSWORD,
} as const;

const IMPORTANCES = {
  high: ConfigImportance.CONFIG_IMPORTANCE_HIGH,
  medium: ConfigImportance.CONFIG_IMPORTANCE_MEDIUM,
  low: ConfigImportance.CONFIG_IMPORTANCE_LOW,
} as const;

/** The types a config key can have: Kafka Connect's ConfigDef.Type, in lower case. */
export type ConfigKeyType = keyof typeof CONFIG_TYPES;

/** The TypeScript type each config type parses to. LONG is a bigint so every 64-bit value is exact. */
export interface ConfigValueTypes {
  boolean: boolean;
  string: string;
  int: number;
  short: number;
  long: bigint;
  double: number;
  list: readonly string[];
  class: string;
  password: string;
}

/** Defines one config key (Connect's ConfigDef.define). */
export interface ConfigKey<T extends ConfigKeyType> {
  /** How the string value parses. */
  readonly type: T;
  /** What the key does, for people; shown by the REST API and UIs. */
  readonly documentation: string;
  /**
   * The value when the key is not given. Leave it out to make the key required; `null` makes it optional
   * with no value (the parsed field is then `undefined` when absent), as Connect's `null` default does.
   */
  readonly default?: ConfigValueTypes[T] | null;
  /** How much the key matters to a user; "medium" when left out. */
  readonly importance?: keyof typeof IMPORTANCES;
  /** A short human name, e.g. "Batch size". */
  readonly displayName?: string;
  /** The group the key belongs to in a UI. */
  readonly group?: string;
  /** The key's position within its group, from 1; its position among the group's keys when left out. */
  readonly orderInGroup?: number;
  /** Keys whose validity depends on this one. */
  readonly dependents?: readonly string[];
  /** The rules the value must follow; see `validators`. */
  readonly validators?: readonly ConfigValidator[];
}

/** Any one config key definition; a union, so that `default` must match `type`. */
export type AnyConfigKey = { [T in ConfigKeyType]: ConfigKey<T> }[ConfigKeyType];

/** Turns Connect's dotted key into the camelCase field name the parsed config uses ("batch.size" → "batchSize"). */
export type CamelCaseKey<S extends string> = S extends `${infer Head}.${infer Tail}`
  ? `${Head}${Capitalize<CamelCaseKey<Tail>>}`
  : S;

type ParsedValue<K> = K extends { readonly type: infer T extends ConfigKeyType }
  ? K extends { readonly default: null }
    ? ConfigValueTypes[T] | undefined
    : ConfigValueTypes[T]
  : never;

/** The parsed config that a set of key definitions describes, with camelCase field names. */
export type ParsedConfig<Keys> = {
  readonly [P in keyof Keys & string as CamelCaseKey<P>]: ParsedValue<Keys[P]>;
};

/**
 * A plugin's config, defined once: the definitions `Describe` returns, the per-key results `Validate`
 * returns, and the typed parse that `plan`, `read` and `open` use all come from it, so they cannot drift.
 */
export interface ConfigSpec<C> {
  /** The keys, in definition order, as `Describe` returns them. */
  readonly definitions: readonly ConfigDefinition[];
  /**
   * Parses and validates a config; keys the spec does not define (runtime keys such as `tasks.max`) are
   * ignored. Throws a ConfigError that lists every problem when any key is missing, malformed or invalid.
   */
  parse(config: ConfigMap): C;
  /** Checks a config key by key, as `Validate` answers: one result per defined key, with its errors. */
  validate(config: ConfigMap): ConfigValueResult[];
}

/**
 * Defines a plugin's config keys, in Kafka Connect's vocabulary:
 *
 * ```ts
 * const config = defineConfig({
 *   file: { type: "string", importance: "high", documentation: "The file to read.", validators: [validators.nonEmpty()] },
 *   "batch.size": { type: "int", default: 2000, importance: "low", documentation: "Most records per batch." },
 * });
 * config.parse({ file: "in.txt" }); // { file: "in.txt", batchSize: 2000 }
 * ```
 *
 * Throws a FatalError at once if the definitions themselves are broken (a default that fails its own
 * validators, a bad pattern, two keys with one camelCase name), since that is a bug in the plugin.
 */
export function defineConfig<const Keys extends { readonly [key: string]: AnyConfigKey }>(
  keys: Keys,
): ConfigSpec<ParsedConfig<Keys>> {
  return new DefinedConfig<ParsedConfig<Keys>>(keys);
}

interface CompiledKey {
  readonly name: string;
  readonly field: string;
  readonly definition: ConfigDefinition;
  readonly defaultValue: ParsedConfigValue | null | undefined;
}

class DefinedConfig<C> implements ConfigSpec<C> {
  readonly definitions: readonly ConfigDefinition[];
  private readonly keys: readonly CompiledKey[];

  constructor(keys: { readonly [key: string]: AnyConfigKey }) {
    const positions = new Map<string, number>();
    const fields = new Set<string>();
    this.keys = Object.entries(keys).map(([name, key]) => {
      const field = camelCase(name);
      if (fields.has(field)) {
        throw new FatalError(
          `config key "${name}" has the same field name "${field}" as another key; rename one`,
        );
      }
      fields.add(field);
      const group = key.group ?? "";
      const position = (positions.get(group) ?? 0) + 1;
      positions.set(group, position);
      const compiled: CompiledKey = {
        name,
        field,
        definition: toDefinition(name, key, position),
        defaultValue: key.default,
      };
      checkOwnDefault(compiled);
      return compiled;
    });
    this.definitions = this.keys.map((key) => key.definition);
  }

  parse(config: ConfigMap): C {
    const { values, problems } = this.evaluate(config);
    if (problems.length > 0) throw new ConfigError("the connector config", problems);
    // The fields were built from the same key definitions that ParsedConfig<Keys> maps over.
    return values as C;
  }

  validate(config: ConfigMap): ConfigValueResult[] {
    return this.evaluate(config).results;
  }

  private evaluate(config: ConfigMap): {
    values: Record<string, unknown>;
    results: ConfigValueResult[];
    problems: ConfigProblem[];
  } {
    const values: Record<string, unknown> = {};
    const results: ConfigValueResult[] = [];
    const problems: ConfigProblem[] = [];
    for (const key of this.keys) {
      const text = Object.hasOwn(config, key.name) ? config[key.name] : undefined;
      const errors = text === undefined ? this.fillDefault(key, values) : this.parseGiven(key, text, values);
      results.push({
        name: key.name,
        value: text === undefined ? undefined : key.definition.secret ? "[hidden]" : text,
        recommendedValues: [],
        errors,
        visible: true,
      });
      for (const message of errors) problems.push({ key: key.name, message });
    }
    return { values, results, problems };
  }

  private fillDefault(key: CompiledKey, values: Record<string, unknown>): string[] {
    if (key.defaultValue === undefined) {
      return [`Missing required configuration "${key.name}" which has no default value.`];
    }
    values[key.field] = key.defaultValue ?? undefined;
    return [];
  }

  private parseGiven(key: CompiledKey, text: string, values: Record<string, unknown>): string[] {
    const outcome = parseConfigText(key.definition.type, text);
    const shown = key.definition.secret ? "[hidden]" : text;
    if (!outcome.ok) return [`Invalid value ${shown} for configuration ${key.name}: ${outcome.problem}`];
    values[key.field] = outcome.value;
    return key.definition.validators.flatMap((validator) => {
      const problem = checkValidator(validator, outcome.value);
      return problem === undefined
        ? []
        : [`Invalid value ${shown} for configuration ${key.name}: ${problem}`];
    });
  }
}

function toDefinition(name: string, key: AnyConfigKey, position: number): ConfigDefinition {
  const type = CONFIG_TYPES[key.type];
  return {
    name,
    type,
    defaultValue: key.default === undefined || key.default === null ? undefined : formatDefault(key.default),
    required: key.default === undefined,
    importance: IMPORTANCES[key.importance ?? "medium"],
    documentation: key.documentation,
    group: key.group ?? "",
    orderInGroup: key.orderInGroup ?? position,
    displayName: key.displayName ?? name,
    dependents: [...(key.dependents ?? [])],
    validators: [...(key.validators ?? [])],
    secret: type === ConfigType.CONFIG_TYPE_PASSWORD,
  };
}

function formatDefault(value: ParsedConfigValue): string {
  return typeof value === "object" ? value.join(",") : String(value);
}

function checkOwnDefault(key: CompiledKey): void {
  for (const validator of key.definition.validators) {
    if (validator.rule?.$case === "pattern") {
      try {
        new RegExp(validator.rule.value);
      } catch (error) {
        throw new FatalError(`config key "${key.name}" has an invalid pattern ${validator.rule.value}`, {
          cause: error,
        });
      }
    }
    if (key.defaultValue === undefined || key.defaultValue === null) continue;
    const problem = checkValidator(validator, key.defaultValue);
    if (problem !== undefined) {
      throw new FatalError(`config key "${key.name}" has a default that breaks its own rule: ${problem}`);
    }
  }
}

function camelCase(name: string): string {
  return name.replace(/\.(.)/g, (_, next: string) => next.toUpperCase());
}
