import { hostname } from "node:os";
import {
  parseEnv,
  RuntimeEnv,
  type RuntimeSettings,
  runtimeSettingsOf,
} from "@connect-mesh/runtime-settings";
import { type TelemetryConfig, telemetryConfigFromEnv } from "@connect-mesh/telemetry";
import { z } from "zod";

/** The coordinator's settings, from the environment; the only module that reads it. */
export const CoordinatorConfig = RuntimeEnv.extend({
  CONNECT_MESH_REST_HOST: z.string().default("127.0.0.1").describe("Address the REST API binds to"),
  CONNECT_MESH_REST_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(8083)
    .describe("REST API port (Connect's 8083)"),
  CONNECT_MESH_COORDINATOR_ID: z.string().optional().describe("This instance's id (default host:port)"),
  CONNECT_MESH_SCHEDULED_REBALANCE_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(300_000)
    .describe("Connect's scheduled.rebalance.max.delay.ms: how long a departed worker's tasks wait for it"),
  CONNECT_MESH_TOPIC_TRACKING_ALLOW_RESET: z
    .stringbool()
    .default(true)
    .describe("Connect's topic.tracking.allow.reset: whether PUT /connectors/{name}/topics/reset is allowed"),
});

/** Parsed settings, with the instance id filled in. */
export interface CoordinatorSettings extends RuntimeSettings {
  readonly restHost: string;
  readonly restPort: number;
  readonly coordinatorId: string;
  readonly rebalanceDelayMs: number;
  readonly topicTracking: { readonly enabled: boolean; readonly allowReset: boolean };
  /** Where spans go, if anywhere (OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT), and who this process is in them. */
  readonly telemetry: TelemetryConfig;
}

/** Reads the settings once at start-up; a bad value stops the process with a message naming the variable. */
export function coordinatorSettingsFrom(env: NodeJS.ProcessEnv): CoordinatorSettings {
  const parsed = parseEnv(CoordinatorConfig, env, "coordinator");
  const coordinatorId =
    parsed.CONNECT_MESH_COORDINATOR_ID ?? `${hostname()}:${parsed.CONNECT_MESH_REST_PORT}`;
  return {
    ...runtimeSettingsOf(parsed),
    restHost: parsed.CONNECT_MESH_REST_HOST,
    restPort: parsed.CONNECT_MESH_REST_PORT,
    coordinatorId,
    rebalanceDelayMs: parsed.CONNECT_MESH_SCHEDULED_REBALANCE_MAX_DELAY_MS,
    topicTracking: {
      enabled: parsed.CONNECT_MESH_TOPIC_TRACKING_ENABLE,
      allowReset: parsed.CONNECT_MESH_TOPIC_TRACKING_ALLOW_RESET,
    },
    telemetry: telemetryConfigFromEnv(env, { serviceName: "coordinator", instanceId: coordinatorId }),
  };
}
