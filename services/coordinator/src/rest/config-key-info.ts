import { ERROR_CONFIG_KEYS } from "@connect-mesh/error-handling";
import { type ConfigDefinition, ConfigImportance, ConfigType } from "@connect-mesh/proto";
import { findTransformPlugin } from "@connect-mesh/transforms";

/** Connect's ConfigKeyInfo, as `GET /connector-plugins/{plugin}/config` and the validate endpoint show it. */
export interface ConfigKeyInfo {
  name: string;
  type: string;
  required: boolean;
  default_value: string | null;
  importance: string;
  documentation: string;
  group: string | null;
  order: number;
  width: string;
  display_name: string;
  dependents: string[];
}

const TYPE_NAMES: Partial<Record<ConfigType, string>> = {
  [ConfigType.CONFIG_TYPE_UNSPECIFIED]: "STRING",
  [ConfigType.CONFIG_TYPE_BOOLEAN]: "BOOLEAN",
  [ConfigType.CONFIG_TYPE_STRING]: "STRING",
  [ConfigType.CONFIG_TYPE_INT]: "INT",
  [ConfigType.CONFIG_TYPE_SHORT]: "SHORT",
  [ConfigType.CONFIG_TYPE_LONG]: "LONG",
  [ConfigType.CONFIG_TYPE_DOUBLE]: "DOUBLE",
  [ConfigType.CONFIG_TYPE_LIST]: "LIST",
  [ConfigType.CONFIG_TYPE_CLASS]: "CLASS",
  [ConfigType.CONFIG_TYPE_PASSWORD]: "PASSWORD",
};

const IMPORTANCE_NAMES: Partial<Record<ConfigImportance, string>> = {
  [ConfigImportance.CONFIG_IMPORTANCE_UNSPECIFIED]: "LOW",
  [ConfigImportance.CONFIG_IMPORTANCE_HIGH]: "HIGH",
  [ConfigImportance.CONFIG_IMPORTANCE_MEDIUM]: "MEDIUM",
  [ConfigImportance.CONFIG_IMPORTANCE_LOW]: "LOW",
};

/** A contract ConfigDefinition in Connect's JSON shape. */
export function configKeyInfo(definition: ConfigDefinition): ConfigKeyInfo {
  return {
    name: definition.name,
    type: TYPE_NAMES[definition.type] ?? "STRING",
    required: definition.required,
    default_value: definition.defaultValue ?? null,
    importance: IMPORTANCE_NAMES[definition.importance] ?? "LOW",
    documentation: definition.documentation,
    group: definition.group === "" ? null : definition.group,
    order: definition.orderInGroup,
    width: "NONE",
    display_name: definition.displayName === "" ? definition.name : definition.displayName,
    dependents: definition.dependents,
  };
}

/**
 * The keys the runtime owns for every connector, shown before the plugin's own (Connect's "Common" group).
 * Sinks add `topics` and `topics.regex`.
 */
export function runtimeConfigKeys(kind: "source" | "sink"): ConfigKeyInfo[] {
  const key = (
    name: string,
    type: string,
    required: boolean,
    defaultValue: string | null,
    documentation: string,
    order: number,
  ): ConfigKeyInfo => ({
    name,
    type,
    required,
    default_value: defaultValue,
    importance: required ? "HIGH" : "MEDIUM",
    documentation,
    group: "Common",
    order,
    width: "MEDIUM",
    display_name: name,
    dependents: [],
  });
  const common = [
    key("name", "STRING", true, null, "Globally unique name to use for this connector.", 1),
    key("connector.class", "STRING", true, null, "Name or alias of the class for this connector.", 2),
    key("tasks.max", "INT", false, "1", "Maximum number of tasks to use for this connector.", 3),
    key(
      "key.converter",
      "CLASS",
      false,
      null,
      "Converter class for keys; the worker's JsonConverter by default.",
      4,
    ),
    key(
      "value.converter",
      "CLASS",
      false,
      null,
      "Converter class for values; the worker's JsonConverter by default.",
      5,
    ),
    key(
      "task.restart.backoff.initial.ms",
      "LONG",
      false,
      "500",
      "connect-mesh: the first delay before a task that failed with a retriable error restarts itself; doubles with each attempt.",
      6,
    ),
    key(
      "task.restart.backoff.max.ms",
      "LONG",
      false,
      "30000",
      "connect-mesh: the longest delay between a failed task's restart attempts.",
      7,
    ),
  ];
  const errorHandling = ERROR_CONFIG_KEYS.map(
    (k, i): ConfigKeyInfo => ({
      ...key(k.name, k.type, false, k.defaultValue, k.documentation, i + 1),
      group: "Error Handling",
    }),
  );
  if (kind === "source") return [...common, ...errorHandling];
  return [
    ...common,
    ...errorHandling,
    key("topics", "LIST", false, "", "List of topics to consume; this or topics.regex is required.", 8),
    key(
      "topics.regex",
      "STRING",
      false,
      "",
      "Regular expression of topics to consume; this or topics is required.",
      9,
    ),
  ];
}

/**
 * The keys a config's own `transforms` and `predicates` bring, as Connect's validate lists them: the lists,
 * then per alias its `type` (and for a transform `predicate` and `negate`) and its class's keys under
 * the alias's prefix, in a group `Transforms: <alias>` or `Predicates: <alias>`.
 */
export function transformConfigKeys(config: Readonly<Record<string, string>>): ConfigKeyInfo[] {
  const aliases = (list: string | undefined) =>
    (list ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
  const entry = (name: string, type: string, documentation: string, group: string, order: number) => ({
    name,
    type,
    required: false,
    default_value: null,
    importance: "HIGH",
    documentation,
    group,
    order,
    width: "LONG",
    display_name: name,
    dependents: [],
  });
  const keys: ConfigKeyInfo[] = [
    entry(
      "transforms",
      "LIST",
      "Aliases for the transformations to apply to records, in order.",
      "Transforms",
      1,
    ),
    entry("predicates", "LIST", "Aliases for the predicates used by transformations.", "Predicates", 1),
  ];
  for (const [list, prefix, groupName] of [
    ["transforms", "transforms", "Transforms"],
    ["predicates", "predicates", "Predicates"],
  ] as const) {
    for (const alias of aliases(config[list])) {
      const group = `${groupName}: ${alias}`;
      const base = `${prefix}.${alias}.`;
      keys.push(
        entry(
          `${base}type`,
          "CLASS",
          `Class for the '${alias}' ${list === "transforms" ? "transformation" : "predicate"}.`,
          group,
          0,
        ),
      );
      if (list === "transforms") {
        keys.push(
          entry(
            `${base}predicate`,
            "STRING",
            "The alias of a predicate used to decide whether to apply this transformation.",
            group,
            1,
          ),
        );
        keys.push(entry(`${base}negate`, "BOOLEAN", "Whether the predicate's result is negated.", group, 2));
      }
      const plugin = findTransformPlugin(config[`${base}type`] ?? "");
      for (const definition of plugin?.configDefinitions ?? []) {
        const info = configKeyInfo(definition);
        keys.push({
          ...info,
          name: `${base}${info.name}`,
          display_name: `${base}${info.display_name}`,
          group,
        });
      }
    }
  }
  return keys;
}
