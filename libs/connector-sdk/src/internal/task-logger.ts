import type { Logger } from "@connect-mesh/telemetry";
import type { ConnectorPlugin } from "../plugin.js";
import type { StreamDeps } from "./stream-deps.js";

/** The named loggers of the SDK's streams; `/admin/loggers`-style level changes address them by these names. */
export const TASK_LOGGERS = {
  source: "connector-sdk.source-task",
  sink: "connector-sdk.sink-task",
} as const;

/**
 * The logger of one task: its connector, task and plugin on every line, and the values of the plugin's
 * secret config keys (PASSWORD type) hidden wherever a task logs its config.
 */
export function taskLogger(
  deps: StreamDeps,
  plugin: ConnectorPlugin,
  open: { readonly connectorName: string; readonly taskId: number },
): Logger {
  return deps.logging.taskLogger(deps.logging.logger(TASK_LOGGERS[plugin.kind]), {
    connector: open.connectorName,
    task: open.taskId,
    plugin: plugin.className,
    secretKeys: plugin.config.definitions.filter((definition) => definition.secret).map((d) => d.name),
  });
}
