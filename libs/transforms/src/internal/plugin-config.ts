import type { ConfigIssue, ConnectorConfigMap } from "../transformation.js";
import type { ConfigKeyDef, ParsedValue } from "./config-keys.js";
import { javaListText, parseConfigValue } from "./config-parse.js";

/**
 * A problem that spans keys or needs several of them (Connect's ConfigException thrown from configure()),
 * raised by a plugin's `create`. `keyName` is the plugin's own key (e.g. "static.value") it belongs
 * under, or undefined for the plugin as a whole (reported under its `type` key).
 */
export class PluginConfigProblem extends Error {
  constructor(
    readonly keyName: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A plugin's parsed config: typed reads of its keys, each already validated. */
export class PluginConfig {
  constructor(
    private readonly values: ReadonlyMap<string, ParsedValue | undefined>,
    private readonly given: ReadonlySet<string>,
  ) {}

  /** A STRING key with a value or a default. */
  string(name: string): string {
    const value = this.values.get(name);
    if (typeof value !== "string") throw new Error(`config key "${name}" is not a string that is set`);
    return value;
  }

  /** A STRING key whose default is null. */
  optionalString(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === "string" ? value : undefined;
  }

  /** A LIST key. */
  list(name: string): readonly string[] {
    const value = this.values.get(name);
    return Array.isArray(value) ? value : [];
  }

  /** A BOOLEAN key. */
  boolean(name: string): boolean {
    return this.values.get(name) === true;
  }

  /** An INT key whose default is null. */
  optionalInt(name: string): number | undefined {
    const value = this.values.get(name);
    return typeof value === "number" ? value : undefined;
  }

  /** Whether the key was given in the connector config (rather than taking its default). */
  has(name: string): boolean {
    return this.given.has(name);
  }
}

/**
 * Reads a plugin's keys from the connector config under `prefix` (e.g. "transforms.mask."), as Connect's
 * ConfigDef parses and validates them, and returns every problem under its full key.
 */
export function readPluginConfig(
  keys: readonly ConfigKeyDef[],
  config: ConnectorConfigMap,
  prefix: string,
): { config: PluginConfig; issues: ConfigIssue[] } {
  const values = new Map<string, ParsedValue | undefined>();
  const given = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const key of keys) {
    const fullKey = `${prefix}${key.name}`;
    const raw = Object.hasOwn(config, fullKey) ? config[fullKey] : undefined;
    if (raw === undefined) {
      if (key.defaultValue === undefined) {
        issues.push({
          key: fullKey,
          message: `Missing required configuration "${fullKey}" which has no default value.`,
        });
      } else if (key.defaultValue !== null) {
        const parsed = parseConfigValue(key.type, key.defaultValue);
        if (parsed.ok) values.set(key.name, parsed.value);
      }
      continue;
    }
    given.add(key.name);
    const checked = checkValue(key, raw);
    if (typeof checked === "string") {
      issues.push({ key: fullKey, message: checked.replaceAll("{key}", fullKey) });
    } else {
      values.set(key.name, checked.value);
    }
  }
  return { config: new PluginConfig(values, given), issues };
}

/** The parsed value, or the message (with "{key}" for the full key) of what is wrong with it. */
function checkValue(key: ConfigKeyDef, raw: string): { value: ParsedValue } | string {
  const parsed = parseConfigValue(key.type, raw);
  if (!parsed.ok) return `Invalid value ${raw} for configuration {key}: ${parsed.message}`;
  const value = parsed.value;
  const shown = Array.isArray(value) ? javaListText(value) : String(value);
  if (key.allowed !== undefined && typeof value === "string") {
    const { values, caseInsensitive } = key.allowed;
    const found = caseInsensitive
      ? values.some((v) => v.toLowerCase() === value.toLowerCase())
      : values.includes(value);
    if (!found) {
      const what = caseInsensitive ? "String must be one of (case insensitive)" : "String must be one of";
      return `Invalid value ${shown} for configuration {key}: ${what}: ${values.join(", ")}`;
    }
  }
  const message = key.check?.(value);
  if (message !== undefined) return `Invalid value ${shown} for configuration {key}: ${message}`;
  return { value };
}
