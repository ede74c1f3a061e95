import {
  CONVERTERS_VERSION,
  resolveConverterClass,
  resolveHeaderConverterClass,
} from "@connect-mesh/converters";
import { validateErrorHandlingConfig } from "@connect-mesh/error-handling";
import { validateTransformConfig } from "@connect-mesh/transforms";
import { parseSinkTopics } from "./connector-settings.js";
import {
  type ConnectorKind,
  RESTART_BACKOFF_INITIAL_MS,
  RESTART_BACKOFF_MAX_MS,
  TASKS_MAX,
} from "./runtime-key-definitions.js";

/** A connector config: every key a string. */
export type ConnectorConfigMap = Readonly<Record<string, string>>;

/** What the checks need to know of the connector's plugin. */
export interface RuntimePlugin {
  readonly kind: ConnectorKind;
  /** The version its connector service registered. */
  readonly version: string;
}

/** One problem with a runtime key, under the key, worded as Connect words it. */
export interface RuntimeKeyError {
  readonly key: string;
  readonly message: string;
}

/**
 * The keys the runtime owns, checked as Connect's ConnectorConfig and SinkConnectorConfig do: also every
 * transform and predicate (unknown class, missing key, bad regex or cast spec, each under its full key,
 * e.g. `transforms.mask.fields`) and the `errors.*` keys, so a config the worker could not run is never stored.
 */
export function* runtimeKeyErrors(
  config: ConnectorConfigMap,
  plugin: RuntimePlugin,
): Generator<RuntimeKeyError> {
  const { kind } = plugin;
  yield* validateTransformConfig(config);
  yield* validateErrorHandlingConfig(config);
  yield* connectCompatibilityKeyErrors(config, plugin);
  const converters = [
    ["key.converter", resolveConverterClass],
    ["value.converter", resolveConverterClass],
    ["header.converter", resolveHeaderConverterClass],
  ] as const;
  for (const [key, resolve] of converters) {
    const value = config[key];
    if (value !== undefined && resolve(value) === undefined)
      yield {
        key,
        message: `Invalid value ${value} for configuration ${key}: Class ${value} could not be found.`,
      };
  }
  for (const key of [TASKS_MAX, RESTART_BACKOFF_INITIAL_MS, RESTART_BACKOFF_MAX_MS]) {
    const value = config[key];
    if (value !== undefined && !/^\s*[1-9]\d*\s*$/.test(value)) {
      yield {
        key,
        message: `Invalid value ${value} for configuration ${key}: must be a whole number of at least 1`,
      };
    }
  }
  if (kind === "sink") {
    const topics = parseSinkTopics(config);
    if (topics.kind === "invalid") yield topics.error;
  }
}

/**
 * Connect's keys that connect-mesh takes but cannot honour every value of: a value outside Connect's own
 * choices, or one that asks for what connect-mesh does not do yet (exactly-once sources, a connector's own
 * offsets topic, topic creation groups, another plugin version), is refused with what to do instead.
 */
function* connectCompatibilityKeyErrors(
  config: ConnectorConfigMap,
  plugin: RuntimePlugin,
): Generator<RuntimeKeyError> {
  const choices: [string, readonly string[]][] = [
    ["tasks.max.enforce", ["true", "false"]],
    ["config.action.reload", ["restart", "none"]],
  ];
  if (plugin.kind === "source")
    choices.push(
      ["exactly.once.support", ["requested", "required"]],
      ["transaction.boundary", ["poll", "interval", "connector"]],
    );
  for (const [key, allowed] of choices) {
    const value = config[key];
    if (value !== undefined && !allowed.includes(value.trim().toLowerCase()))
      yield {
        key,
        message: `Invalid value ${value} for configuration ${key}: String must be one of: ${allowed.join(", ")}`,
      };
  }
  const versions: [string, string][] = [
    ["connector.plugin.version", plugin.version],
    ["key.converter.plugin.version", CONVERTERS_VERSION],
    ["value.converter.plugin.version", CONVERTERS_VERSION],
    ["header.converter.plugin.version", CONVERTERS_VERSION],
  ];
  for (const [key, available] of versions) {
    const value = config[key]?.trim();
    if (value !== undefined && value !== "" && value !== available)
      yield {
        key,
        message: `Version ${value} is not available for ${key}: the one running here is ${available}`,
      };
  }
  if (plugin.kind !== "source") return;
  if (config["exactly.once.support"]?.trim().toLowerCase() === "required")
    yield {
      key: "exactly.once.support",
      message:
        "exactly.once.support=required cannot be met: connect-mesh's source tasks are at-least-once for now; use requested",
    };
  const interval = config["transaction.boundary.interval.ms"];
  if (interval !== undefined && interval.trim() !== "" && !/^\s*\d+\s*$/.test(interval))
    yield {
      key: "transaction.boundary.interval.ms",
      message: `Invalid value ${interval} for configuration transaction.boundary.interval.ms: must be a whole number of milliseconds`,
    };
  if ((config["offsets.storage.topic"] ?? "").trim() !== "")
    yield {
      key: "offsets.storage.topic",
      message:
        "connect-mesh keeps every source connector's offsets in the cluster's offsets topic; remove offsets.storage.topic",
    };
  if ((config["topic.creation.groups"] ?? "").trim() !== "")
    yield {
      key: "topic.creation.groups",
      message:
        "connect-mesh does not create a source's topics with per-connector settings yet; create the topics beforehand and remove topic.creation.groups",
    };
}
