import type { SpanExporter } from "@opentelemetry/sdk-trace";
import type { TelemetryConfig } from "./telemetry-config.js";
import type { TracingSdk } from "./tracing-sdk.js";

/** Telemetry running in this process. */
export interface Telemetry {
  /** Whether spans are exported (an OTLP endpoint was configured). */
  readonly isTracing: boolean;
  /** Exports every ended span now; resolves once the exporter has answered. */
  forceFlush(): Promise<void>;
  /** Flushes what is left and stops; later spans are not recorded. Calling it again returns the same promise. */
  shutdown(): Promise<void>;
}

/** Test seam: where spans go instead of OTLP. */
export interface TelemetryOverrides {
  readonly exporter?: SpanExporter;
}

let running: Telemetry | undefined;

/**
 * Sets up telemetry once per process. With an OTLP endpoint (or an exporter override) it loads and starts
 * the OpenTelemetry SDK (see tracing-sdk.ts); with none it loads nothing, and every tracing helper is a
 * no-op. A second call while one runs throws: two SDKs would fight over the global providers.
 */
export async function startTelemetry(
  config: TelemetryConfig,
  overrides: TelemetryOverrides = {},
): Promise<Telemetry> {
  if (running !== undefined)
    throw new Error("telemetry is already running in this process; start it once, in main.ts");
  if (overrides.exporter === undefined && config.otlpEndpoint === undefined) {
    running = { isTracing: false, forceFlush: async () => undefined, shutdown: async () => stopped() };
    return running;
  }
  // Claimed before the import, so a second call while it loads throws as well.
  running = { isTracing: true, forceFlush: async () => undefined, shutdown: async () => stopped() };
  // Loaded here rather than imported above: a process with tracing off never loads the SDK.
  let sdk: TracingSdk;
  try {
    const { startTracingSdk } = await import("./tracing-sdk.js");
    sdk = startTracingSdk(config, overrides.exporter);
  } catch (error) {
    stopped();
    throw error;
  }
  let shuttingDown: Promise<void> | undefined;
  running = {
    isTracing: true,
    forceFlush: () => sdk.forceFlush(),
    shutdown: () => {
      shuttingDown ??= sdk.shutdown().finally(stopped);
      return shuttingDown;
    },
  };
  return running;
}

function stopped(): void {
  running = undefined;
}
