import { hostname } from "node:os";
import {
  parseEnv,
  RuntimeEnv,
  type RuntimeSettings,
  runtimeSettingsOf,
} from "@connect-mesh/runtime-settings";
import { type TelemetryConfig, telemetryConfigFromEnv } from "@connect-mesh/telemetry";
import { z } from "zod";

/** The worker's settings, from the environment; the only module that reads it. */
const WorkerEnv = RuntimeEnv.extend({
  CONNECT_MESH_WORKER_ID: z
    .string()
    .min(1)
    .optional()
    .describe("This worker's id; keep it stable across restarts"),
  CONNECT_MESH_OFFSET_FLUSH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(50)
    .describe(
      "Connect's offset.flush.interval.ms: the least time between two offset commits of a task " +
        "(one with 1,000 records waiting for a commit, or stopping, commits at once)",
    ),
});

/** Parsed settings. */
export interface WorkerSettings extends RuntimeSettings {
  readonly workerId: string;
  readonly offsetFlushIntervalMs: number;
  /** Where spans go, if anywhere (OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT), and who this process is in them. */
  readonly telemetry: TelemetryConfig;
}

/** Reads the settings once at start-up; a bad value stops the process with a message naming the variable. */
export function workerSettingsFrom(env: NodeJS.ProcessEnv): WorkerSettings {
  const parsed = parseEnv(WorkerEnv, env, "worker");
  const workerId = parsed.CONNECT_MESH_WORKER_ID ?? `${hostname()}-${process.pid}`;
  return {
    ...runtimeSettingsOf(parsed),
    workerId,
    offsetFlushIntervalMs: parsed.CONNECT_MESH_OFFSET_FLUSH_INTERVAL_MS,
    telemetry: telemetryConfigFromEnv(env, { serviceName: "worker", instanceId: workerId }),
  };
}
