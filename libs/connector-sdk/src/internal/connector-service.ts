import type { ConnectorServiceServer } from "@connect-mesh/proto";
import { planTasks } from "./plan-tasks.js";
import type { PluginRegistry } from "./plugin-registry.js";
import { unaryCall } from "./unary-call.js";
import { validateConfig } from "./validate-config.js";

/** ConnectorService: Describe, Validate and Plan for the hosted plugins. Stateless, as the contract asks. */
export function connectorService(registry: PluginRegistry): ConnectorServiceServer {
  return {
    describe: unaryCall(async () => registry.description),
    validate: unaryCall(async (request, signal) => ({
      values: await validateConfig(registry.find(request.plugin), request.config, signal),
    })),
    plan: unaryCall(async (request, signal) => ({
      tasks: await planTasks(
        registry.find(request.plugin),
        { connectorName: request.connectorName, config: request.config, maxTasks: request.maxTasks },
        signal,
      ),
    })),
  };
}
