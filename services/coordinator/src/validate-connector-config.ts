import type { ConnectorConfig, PluginCatalog } from "@connect-mesh/cluster-state";
import { runtimeKeyErrors } from "@connect-mesh/connector-config";
import type { ValidateResponse } from "@connect-mesh/proto";
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
