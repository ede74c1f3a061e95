import {
  CONVERTERS_VERSION,
  DEFAULT_CONVERTER_CLASS,
  DEFAULT_HEADER_CONVERTER_CLASS,
} from "@connect-mesh/converters";
import { ERROR_CONFIG_KEYS } from "@connect-mesh/error-handling";

/** Whether a connector reads from outside into Kafka or writes from Kafka out. */
export type ConnectorKind = "source" | "sink";

/** One key the runtime owns, as Connect's ConfigKeyInfo describes it (the REST layer adds its display fields). */
export interface RuntimeKeyDefinition {
  readonly name: string;
  readonly type: "STRING" | "INT" | "LONG" | "SHORT" | "BOOLEAN" | "CLASS" | "LIST";
  readonly required: boolean;
  readonly defaultValue: string | null;
  readonly importance: "HIGH" | "MEDIUM" | "LOW";
  readonly documentation: string;
  readonly group: string;
  readonly order: number;
}

/** The runtime keys the typed settings read (connector-settings.ts), and their defaults. */
export const TASKS_MAX = "tasks.max";
export const RESTART_BACKOFF_INITIAL_MS = "task.restart.backoff.initial.ms";
export const RESTART_BACKOFF_MAX_MS = "task.restart.backoff.max.ms";
export const DEFAULT_TASKS_MAX = 1;
export const DEFAULT_RESTART_BACKOFF_INITIAL_MS = 500;
export const DEFAULT_RESTART_BACKOFF_MAX_MS = 30_000;

/**
 * The keys the runtime owns for every connector, shown before the plugin's own, as Connect's validate lists
 * them (its 4.x order and groups; `transforms` and `predicates` come from transformConfigKeys), plus
 * connect-mesh's own two restart keys. A key Connect has but connect-mesh does not act on says so in its
 * documentation, and a value it cannot honour is refused (see runtime-key-errors.ts).
 * `pluginVersion` is the version the connector's service registered.
 */
export function runtimeKeyDefinitions(kind: ConnectorKind, pluginVersion: string): RuntimeKeyDefinition[] {
  const key = (
    group: string,
    order: number,
    name: string,
    type: RuntimeKeyDefinition["type"],
    defaultValue: string | null,
    importance: RuntimeKeyDefinition["importance"],
    documentation: string,
    required = false,
  ): RuntimeKeyDefinition => ({
    name,
    type,
    required,
    defaultValue,
    importance,
    documentation,
    group,
    order,
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
    key(
      "Common",
      4,
      TASKS_MAX,
      "INT",
      String(DEFAULT_TASKS_MAX),
      "HIGH",
      "Maximum number of tasks to use for this connector.",
    ),
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
      RESTART_BACKOFF_INITIAL_MS,
      "LONG",
      String(DEFAULT_RESTART_BACKOFF_INITIAL_MS),
      "MEDIUM",
      "connect-mesh: the first delay before a task that failed with a retriable error restarts itself; doubles with each attempt.",
    ),
    key(
      "Common",
      16,
      RESTART_BACKOFF_MAX_MS,
      "LONG",
      String(DEFAULT_RESTART_BACKOFF_MAX_MS),
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
