import type { TaskConfig } from "@connect-mesh/proto";
import type { ConfigMap } from "../config-spec.js";
import { FatalError } from "../errors.js";
import type { ConnectorPlugin } from "../plugin.js";
import { ProtocolError } from "./protocol-errors.js";

/** What a Plan call asks for. */
export interface PlanInput {
  readonly connectorName: string;
  readonly config: ConfigMap;
  readonly maxTasks: number;
}

/**
 * Splits a connector config into task configs: parses the config (a ConfigError lists every problem),
 * asks the plugin, and holds it to the contract's "at most max_tasks".
 */
export async function planTasks(
  plugin: ConnectorPlugin,
  input: PlanInput,
  signal: AbortSignal,
): Promise<TaskConfig[]> {
  if (!Number.isSafeInteger(input.maxTasks) || input.maxTasks < 1) {
    throw new ProtocolError(`max_tasks must be at least 1, not ${input.maxTasks}`);
  }
  const parsed = plugin.config.parse(input.config);
  const tasks = await plugin.plan({
    config: parsed,
    raw: input.config,
    connectorName: input.connectorName,
    maxTasks: input.maxTasks,
    signal,
  });
  if (tasks.length > input.maxTasks) {
    throw new FatalError(
      `plugin ${plugin.className} planned ${tasks.length} tasks for connector "${input.connectorName}" but max_tasks is ${input.maxTasks}; this is a bug in the plugin`,
    );
  }
  return tasks.map((config) => ({ config: { ...config } }));
}
