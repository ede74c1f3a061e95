import { type ConnectorKind, runtimeKeyDefinitions } from "@connect-mesh/connector-config";
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
 * The keys the runtime owns for every connector (@connect-mesh/connector-config), in Connect's JSON shape,
 * shown before the plugin's own as Connect's validate lists them. `pluginVersion` is the version the
 * connector's service registered.
 */
export function runtimeConfigKeys(kind: ConnectorKind, pluginVersion: string): ConfigKeyInfo[] {
  return runtimeKeyDefinitions(kind, pluginVersion).map((definition) => ({
    name: definition.name,
    type: definition.type,
    required: definition.required,
    default_value: definition.defaultValue,
    importance: definition.importance,
    documentation: definition.documentation,
    group: definition.group,
    order: definition.order,
    width: "MEDIUM",
    display_name: definition.name,
    dependents: [],
  }));
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
