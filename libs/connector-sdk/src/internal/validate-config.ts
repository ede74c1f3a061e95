import type { ConfigValueResult } from "@connect-mesh/proto";
import type { ConfigMap } from "../config-spec.js";
import type { ConnectorPlugin } from "../plugin.js";

/**
 * Validates a connector config the way Connect's Connector.validate does: every defined key is parsed and
 * checked against its rules first; only when all pass does the plugin's own `validate` run, and its
 * problems are added to the keys they name. A problem naming a key the plugin does not define gets an
 * entry of its own, so it is never dropped.
 */
export async function validateConfig(
  plugin: ConnectorPlugin,
  config: ConfigMap,
  signal: AbortSignal,
): Promise<ConfigValueResult[]> {
  const results = plugin.config.validate(config);
  if (plugin.validate === undefined || results.some((result) => result.errors.length > 0)) return results;
  const parsed = plugin.config.parse(config);
  const problems = await plugin.validate({ config: parsed, raw: config, signal });
  for (const problem of problems) {
    let result = results.find((candidate) => candidate.name === problem.key);
    if (result === undefined) {
      result = {
        name: problem.key,
        value: config[problem.key],
        recommendedValues: [],
        errors: [],
        visible: true,
      };
      results.push(result);
    }
    result.errors.push(problem.message);
  }
  return results;
}
