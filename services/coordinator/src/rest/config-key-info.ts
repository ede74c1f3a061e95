import {
  CONVERTERS_VERSION,
  DEFAULT_CONVERTER_CLASS,
  DEFAULT_HEADER_CONVERTER_CLASS,
} from "@connect-mesh/converters";
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
 * The keys the runtime owns for every connector, shown before the plugin's own, as Connect's validate lists
 * them (its 4.x order and groups; `transforms` and `predicates` come from transformConfigKeys), plus
 * connect-mesh's own two restart keys. A key Connect has but connect-mesh does not act on says so in its
 * documentation, and a value it cannot honour is refused (see validate-connector-config.ts).
 * `pluginVersion` is the version the connector's service registered.
 */
export function runtimeConfigKeys(kind: "source" | "sink", pluginVersion: string): ConfigKeyInfo[] {
  const key = (
    group: string,
    order: number,
    name: string,
    type: string,
    defaultValue: string | null,
    importance: "HIGH" | "MEDIUM" | "LOW",
    documentation: string,
    required = false,
  ): ConfigKeyInfo => ({
    name,
    type,
    required,
    default_value: defaultValue,
    importance,
    documentation,
    group,
    order,
    width: "MEDIUM",
    display_name: name,
    dependents: [],
  });
  const converter = (order: number, name: string, className: string, what: string) => [
    key(
      "Common",
      order,
      name,
      "CLASS",
      className,
      "LOW",
      `${what} class used to convert between Kafka Connect format and the serialized form that is written to Kafka.`,
    ),
    key(
      "Common",
      order + 1,
      `${name}.plugin.version`,
      "STRING",
      CONVERTERS_VERSION,
      "LOW",
      `Version of the ${name.replace(".", " ")}. connect-mesh has one version of each built-in converter; another is refused.`,
    ),
  ];
  const common = [
    key("Common", 1, "name", "STRING", null, "HIGH", "Globally unique name to use for this connector.", true),
    key(
      "Common",
      2,
      "connector.class",
      "STRING",
      null,
      "HIGH",
      "Name or alias of the class for this connector.",
      true,
    ),
    key(
      "Common",
      3,
      "connector.plugin.version",
      "STRING",
      pluginVersion,
      "MEDIUM",
      "Version of the connector. connect-mesh runs the version its connector service registered; another is refused.",
    ),
    key("Common", 4, "tasks.max", "INT", "1", "HIGH", "Maximum number of tasks to use for this connector."),
    key(
      "Common",
      5,
      "tasks.max.enforce",
      "BOOLEAN",
      "true",
      "LOW",
      "(Deprecated in Connect) Whether to enforce that the tasks.max property is respected by the connector. connect-mesh always keeps to tasks.max: task configs a plugin plans beyond it are dropped.",
    ),
    ...converter(6, "key.converter", DEFAULT_CONVERTER_CLASS, "Converter"),
    ...converter(8, "value.converter", DEFAULT_CONVERTER_CLASS, "Converter"),
    ...converter(10, "header.converter", DEFAULT_HEADER_CONVERTER_CLASS, "HeaderConverter"),
    key(
      "Common",
      14,
      "config.action.reload",
      "STRING",
      "restart",
      "LOW",
      "The action to take on the connector when a config provider's values change: restart or none. connect-mesh has no config providers yet, so nothing triggers it.",
    ),
    key(
      "Common",
      15,
      "task.restart.backoff.initial.ms",
      "LONG",
      "500",
      "MEDIUM",
      "connect-mesh: the first delay before a task that failed with a retriable error restarts itself; doubles with each attempt.",
    ),
    key(
      "Common",
      16,
      "task.restart.backoff.max.ms",
      "LONG",
      "30000",
      "MEDIUM",
      "connect-mesh: the longest delay between a failed task's restart attempts.",
    ),
  ];
  // Dead-letter queues are for sinks only, as in Connect.
  const errorHandling = ERROR_CONFIG_KEYS.filter(
    (k) => kind === "sink" || !k.name.startsWith("errors.deadletterqueue."),
  ).map((k, i) => key("Error Handling", i + 1, k.name, k.type, k.defaultValue, "MEDIUM", k.documentation));
  if (kind === "sink") {
    return [
      ...common,
      key(
        "Common",
        17,
        "topics",
        "LIST",
        "",
        "HIGH",
        "List of topics to consume; this or topics.regex is required.",
      ),
      key(
        "Common",
        18,
        "topics.regex",
        "STRING",
        "",
        "HIGH",
        "Regular expression of topics to consume; this or topics is required.",
      ),
      ...errorHandling,
    ];
  }
  return [
    ...common,
    ...errorHandling,
    key(
      "Topic Creation",
      1,
      "topic.creation.groups",
      "LIST",
      "",
      "LOW",
      "Groups of configurations for topics created by source connectors. connect-mesh does not create a source's topics with per-connector settings yet (the broker's auto-creation or a topic made beforehand serves), so a group is refused.",
    ),
    key(
      "Exactly Once Support",
      2,
      "exactly.once.support",
      "STRING",
      "requested",
      "MEDIUM",
      "Permitted values are requested, required. connect-mesh's sources are at-least-once for now: requested runs so, required is refused.",
    ),
    key(
      "Exactly Once Support",
      3,
      "transaction.boundary",
      "STRING",
      "poll",
      "MEDIUM",
      "Permitted values are: poll, interval, connector. Where a source's transactions end; connect-mesh's sources write no transactions yet, so it has no effect.",
    ),
    key(
      "Exactly Once Support",
      4,
      "transaction.boundary.interval.ms",
      "LONG",
      null,
      "LOW",
      "If 'transaction.boundary' is set to 'interval', determines the interval for producer transaction commits by connector tasks. No effect yet, as above.",
    ),
    key(
      "offsets.topic",
      1,
      "offsets.storage.topic",
      "STRING",
      null,
      "LOW",
      "The name of a separate offsets topic to use for this connector. connect-mesh keeps every source's offsets in the cluster's offsets topic; a topic of the connector's own is refused.",
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
