import type { LoggerFactory } from "@connect-mesh/telemetry";
import type { PluginRegistry } from "./plugin-registry.js";

/** What the stream handlers share with the server that runs them. */
export interface StreamDeps {
  readonly registry: PluginRegistry;
  /** Where the tasks' loggers come from (named `connector-sdk.source-task` and `connector-sdk.sink-task`). */
  readonly logging: LoggerFactory;
  /** Aborted when the server is forced down: every task stops at once. */
  readonly stopping: AbortSignal;
  /** Requests buffered per stream before the stream is paused. */
  readonly maxQueuedRequests: number;
  /** How long a stopping task may take to release what it holds before the server moves on. */
  readonly taskStopTimeoutMs: number;
}
