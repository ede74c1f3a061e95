import type { CatalogEntry, ConnectorConfig, PluginCatalog } from "@connect-mesh/cluster-state";
import {
  CONVERTERS_VERSION,
  resolveConverterClass,
  resolveHeaderConverterClass,
} from "@connect-mesh/converters";
import { validateErrorHandlingConfig } from "@connect-mesh/error-handling";
import type { ValidateResponse } from "@connect-mesh/proto";
import { validateTransformConfig } from "@connect-mesh/transforms";
import type { ConnectorServices } from "./connector-services.js";
import { RestError } from "./rest/rest-error.js";

/** What validation found: the plugin the config names, and every problem with it. */
export interface ConfigVerdict {
  readonly pluginClass: string;
  readonly kind: "source" | "sink";
  /** Every problem, as Connect lists them in its 400 message. */
  readonly errors: readonly string[];
  /** The runtime's own keys' problems, by key. */
  readonly runtimeErrors: ReadonlyMap<string, readonly string[]>;
  /** The plugin's answer, one entry per key it defines. */
  readonly pluginValues: ValidateResponse["values"];
}

/**
 * Checks a connector config the way Kafka Connect does before storing it: it must name a plugin that a
 * live service hosts; the runtime's own keys must make sense (tasks.max, a sink's topics or topics.regex);
 * and the plugin's service must accept its keys. Throws a 400 RestError for a missing or unknown class,
 * since nothing else can be checked then; returns the rest of the problems for the caller to report.
 */
export async function validateConnectorConfig(
  config: ConnectorConfig,
  catalog: PluginCatalog,
  services: ConnectorServices,
): Promise<ConfigVerdict> {
  const connectorClass = config["connector.class"];
  if (connectorClass === undefined || connectorClass.trim() === "") {
    throw new RestError(
      400,
      `Connector config ${JSON.stringify(config)} contains no connector type: set "connector.class"`,
    );
  }
  const entry = catalog.find(connectorClass);
  if (!entry) {
    const available = catalog.list().flatMap((e) => [e.plugin.className, ...e.plugin.aliases]);
    throw new RestError(
      400,
      `Failed to find any class that implements Connector and which name matches ${connectorClass}; available connectors are: ${
        available.length > 0
          ? available.join(", ")
          : "none (no connector service is registered; is one running?)"
      }`,
    );
  }
  const runtimeErrors = new Map<string, string[]>();
  for (const { key, message } of runtimeKeyErrors(config, entry.plugin)) {
    runtimeErrors.set(key, [...(runtimeErrors.get(key) ?? []), message]);
  }
  const validated = await services.validate(entry.plugin.className, entry.addresses, config);
  const errors = [
    ...[...runtimeErrors.values()].flat(),
    ...validated.values.flatMap((value) => value.errors),
  ];
  return {
    pluginClass: entry.plugin.className,
    kind: entry.plugin.kind,
    errors,
    runtimeErrors,
    pluginValues: validated.values,
  };
}

/** Connect's 400 message for a config with problems. */
export function invalidConfigError(verdict: ConfigVerdict): RestError {
  return new RestError(
    400,
    `Connector configuration is invalid and contains the following ${verdict.errors.length} error(s):\n${verdict.errors.join(
      "\n",
    )}\nYou can also find the above list of errors at the endpoint \`/connector-plugins/{connectorType}/config/validate\``,
  );
}

/**
 * The keys the runtime owns, checked as Connect's ConnectorConfig and SinkConnectorConfig do: also every
 * transform and predicate (unknown class, missing key, bad regex or cast spec, each under its full key,
 * e.g. `transforms.mask.fields`) and the `errors.*` keys, so a config the worker could not run is never stored.
 */
function* runtimeKeyErrors(
  config: ConnectorConfig,
  plugin: CatalogEntry["plugin"],
): Generator<{ key: string; message: string }> {
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
  for (const key of ["tasks.max", "task.restart.backoff.initial.ms", "task.restart.backoff.max.ms"]) {
    const value = config[key];
    if (value !== undefined && !/^\s*[1-9]\d*\s*$/.test(value)) {
      yield {
        key,
        message: `Invalid value ${value} for configuration ${key}: must be a whole number of at least 1`,
      };
    }
  }
  if (kind === "sink") {
    const hasTopics = (config.topics ?? "").trim() !== "";
    const hasRegex = (config["topics.regex"] ?? "").trim() !== "";
    if (hasTopics && hasRegex) {
      yield {
        key: "topics",
        message: "topics and topics.regex are mutually exclusive options, but both are set.",
      };
    }
    if (!hasTopics && !hasRegex)
      yield { key: "topics", message: "Must configure one of topics or topics.regex" };
    if (hasRegex) {
      try {
        new RegExp(config["topics.regex"] ?? "");
      } catch (error) {
        yield {
          key: "topics.regex",
          message: `Invalid value ${config["topics.regex"]} for configuration topics.regex: ${(error as Error).message}`,
        };
      }
    }
  }
}

/**
 * Connect's keys that connect-mesh takes but cannot honour every value of: a value outside Connect's own
 * choices, or one that asks for what connect-mesh does not do yet (exactly-once sources, a connector's own
 * offsets topic, topic creation groups, another plugin version), is refused with what to do instead.
 */
function* connectCompatibilityKeyErrors(
  config: ConnectorConfig,
  plugin: CatalogEntry["plugin"],
): Generator<{ key: string; message: string }> {
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
