import { findPredicateDef, findTransformationDef } from "../plugins.js";
import type { ConfigIssue, ConnectorConfigMap, Predicate, Transformation } from "../transformation.js";
import { javaListText, parseConfigValue } from "./config-parse.js";
import { PluginConfigProblem, readPluginConfig } from "./plugin-config.js";
import type { PluginDef } from "./plugin-def.js";

/** A config problem, with the transform or predicate alias it belongs to (none for the alias lists). */
export interface PlannedIssue extends ConfigIssue {
  readonly alias: string | undefined;
}

/** One built transform with its optional predicate. */
export interface PlannedStage {
  readonly alias: string;
  readonly className: string;
  readonly transformation: Transformation;
  readonly predicate: { readonly alias: string; readonly predicate: Predicate } | undefined;
  readonly negate: boolean;
}

/**
 * Reads `transforms`, `predicates` and each alias's keys from a connector config the way Connect's
 * ConnectorConfig does, building every transform and predicate it can and collecting every problem, so
 * that building a chain and validating a config cannot disagree.
 */
export function planChain(config: ConnectorConfigMap): { stages: PlannedStage[]; issues: PlannedIssue[] } {
  const issues: PlannedIssue[] = [];
  const transformAliases = readAliases(config, "transforms", issues);
  const predicateAliases = readAliases(config, "predicates", issues);
  const predicates = new Map<string, Predicate | undefined>();
  for (const alias of predicateAliases) {
    predicates.set(
      alias,
      buildPlugin(config, "predicates", alias, "predicate", findPredicateDef, issues)?.plugin,
    );
  }
  const stages: PlannedStage[] = [];
  for (const alias of transformAliases) {
    const prefix = `transforms.${alias}.`;
    const built = buildPlugin(config, "transforms", alias, "transformation", findTransformationDef, issues);
    const predicateAlias = optionalString(config, `${prefix}predicate`);
    const negate = readNegate(config, prefix, alias, predicateAlias, issues);
    if (predicateAlias !== undefined && !predicates.has(predicateAlias)) {
      issues.push({
        alias,
        key: `${prefix}predicate`,
        message: `Invalid value ${predicateAlias} for configuration ${prefix}predicate: predicate "${predicateAlias}" is not declared in "predicates"`,
      });
    }
    const predicate = predicateAlias === undefined ? undefined : predicates.get(predicateAlias);
    if (built === undefined || negate === undefined) continue;
    if (predicateAlias !== undefined && predicate === undefined) continue;
    stages.push({
      alias,
      className: built.className,
      transformation: built.plugin,
      predicate:
        predicateAlias === undefined || predicate === undefined
          ? undefined
          : { alias: predicateAlias, predicate },
      negate,
    });
  }
  return { stages, issues };
}

/** The `transforms` or `predicates` list; a repeated alias is an error, as in Connect. */
function readAliases(
  config: ConnectorConfigMap,
  key: "transforms" | "predicates",
  issues: PlannedIssue[],
): string[] {
  const raw = config[key];
  if (raw === undefined) return [];
  const parsed = parseConfigValue("list", raw);
  const aliases = parsed.ok && Array.isArray(parsed.value) ? parsed.value : [];
  if (new Set(aliases).size < aliases.length) {
    issues.push({
      alias: undefined,
      key,
      message: `Invalid value ${javaListText(aliases)} for configuration ${key}: Duplicate alias provided.`,
    });
  }
  return [...new Set(aliases)];
}

function optionalString(config: ConnectorConfigMap, key: string): string | undefined {
  return Object.hasOwn(config, key) ? config[key]?.trim() : undefined;
}

/** `negate`: a boolean, default false, and only meaningful with a predicate (Connect refuses it alone). */
function readNegate(
  config: ConnectorConfigMap,
  prefix: string,
  alias: string,
  predicateAlias: string | undefined,
  issues: PlannedIssue[],
): boolean | undefined {
  const key = `${prefix}negate`;
  const raw = Object.hasOwn(config, key) ? config[key] : undefined;
  if (raw === undefined) return false;
  if (predicateAlias === undefined) {
    issues.push({
      alias,
      key,
      message: `Config '${key}' was provided but there is no config '${prefix}predicate' defining a predicate to be negated.`,
    });
  }
  const parsed = parseConfigValue("boolean", raw);
  if (parsed.ok) return parsed.value === true;
  issues.push({ alias, key, message: `Invalid value ${raw} for configuration ${key}: ${parsed.message}` });
  return undefined;
}

/** Finds the class named by `<list>.<alias>.type`, reads its keys and builds it; undefined on any problem. */
function buildPlugin<T>(
  config: ConnectorConfigMap,
  list: "transforms" | "predicates",
  alias: string,
  kind: string,
  find: (name: string) => PluginDef<T> | undefined,
  issues: PlannedIssue[],
): { plugin: T; className: string } | undefined {
  const prefix = `${list}.${alias}.`;
  const typeKey = `${prefix}type`;
  const className = optionalString(config, typeKey);
  if (className === undefined) {
    issues.push({
      alias,
      key: typeKey,
      message: `Missing required configuration "${typeKey}" which has no default value.`,
    });
    return undefined;
  }
  const def = find(className);
  if (def === undefined) {
    issues.push({
      alias,
      key: typeKey,
      message: `Invalid value ${className} for configuration ${typeKey}: Class ${className} could not be found, or is not a ${kind}.`,
    });
    return undefined;
  }
  const read = readPluginConfig(def.keys, config, prefix);
  if (read.issues.length > 0) {
    issues.push(...read.issues.map((issue) => ({ alias, ...issue })));
    return undefined;
  }
  try {
    return { plugin: def.create(read.config), className: def.className };
  } catch (e) {
    const key =
      e instanceof PluginConfigProblem && e.keyName !== undefined ? `${prefix}${e.keyName}` : typeKey;
    const message = (e as Error).message.replaceAll("{key}", key);
    issues.push({ alias, key, message });
    return undefined;
  }
}
