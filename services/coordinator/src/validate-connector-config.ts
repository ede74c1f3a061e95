import type { ConnectorConfig, PluginCatalog } from "@connect-mesh/cluster-state";
import type { ConnectorServices } from "./connector-services.js";
import { RestError } from "./rest/rest-error.js";

/** What validation found: the plugin the config names, and every problem with it. */
export interface ConfigVerdict {
  readonly pluginClass: string;
  readonly kind: "source" | "sink";
  readonly errors: readonly string[];
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
  const errors = [...runtimeKeyErrors(config, entry.plugin.kind)];
  const validated = await services.validate(entry.plugin.className, entry.addresses, config);
  for (const value of validated.values) errors.push(...value.errors);
  return { pluginClass: entry.plugin.className, kind: entry.plugin.kind, errors };
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

/** The keys the runtime owns, checked as Connect's ConnectorConfig and SinkConnectorConfig do. */
function* runtimeKeyErrors(config: ConnectorConfig, kind: "source" | "sink"): Generator<string> {
  const tasksMax = config["tasks.max"];
  if (tasksMax !== undefined && !/^\s*[1-9]\d*\s*$/.test(tasksMax)) {
    yield `Invalid value ${tasksMax} for configuration tasks.max: must be a whole number of at least 1`;
  }
  if (kind === "sink") {
    const hasTopics = (config.topics ?? "").trim() !== "";
    const hasRegex = (config["topics.regex"] ?? "").trim() !== "";
    if (hasTopics && hasRegex)
      yield "topics and topics.regex are mutually exclusive options, but both are set.";
    if (!hasTopics && !hasRegex) yield "Must configure one of topics or topics.regex";
    if (hasRegex) {
      try {
        new RegExp(config["topics.regex"] ?? "");
      } catch (error) {
        yield `Invalid value ${config["topics.regex"]} for configuration topics.regex: ${(error as Error).message}`;
      }
    }
  }
}
