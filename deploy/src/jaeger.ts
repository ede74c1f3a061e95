import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningComponent } from "./component.js";
import type { JaegerInstall } from "./jaeger-install.js";
import { startDetached } from "./processes.js";

/** Where Jaeger listens, all on 127.0.0.1. */
export interface JaegerPorts {
  /** The OTLP/HTTP receiver the services export to (OpenTelemetry's usual 4318). */
  readonly otlpHttpPort: number;
  /** The query API (`/api/traces/<id>`) and the UI's address (Jaeger's usual 16686). */
  readonly queryPort: number;
  /** The query service's gRPC API (Jaeger's usual 16685); nothing of ours uses it, but it must not collide. */
  readonly queryGrpcPort: number;
}

/** How the services reach the trace backend, as `stack.json` records it. */
export interface TracingEndpoints {
  /** What the services get as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly otlpEndpoint: string;
  /** Jaeger's query API, e.g. `${queryUrl}/api/traces/<trace-id>`. */
  readonly queryUrl: string;
  readonly ports: JaegerPorts;
}

/** The endpoints of a Jaeger on `ports`. */
export function tracingEndpoints(ports: JaegerPorts): TracingEndpoints {
  return {
    otlpEndpoint: `http://127.0.0.1:${ports.otlpHttpPort}`,
    queryUrl: `http://127.0.0.1:${ports.queryPort}`,
    ports,
  };
}

/**
 * Launches Jaeger all-in-one with traces kept in memory, an OTLP/HTTP receiver, and the query API, each on
 * its given port and nothing else listening (Jaeger's default config also opens Zipkin, Jaeger-protocol,
 * sampling and self-metrics ports, which would collide with a second stack). Resolves once the process
 * runs; it is ready when its query API answers.
 */
export async function launchJaeger(
  install: JaegerInstall,
  runDir: string,
  ports: JaegerPorts,
): Promise<RunningComponent> {
  const home = join(runDir, "jaeger");
  await mkdir(home, { recursive: true });
  const configFile = join(home, "config.yaml");
  await writeFile(configFile, jaegerConfig(ports));
  const logFile = join(home, "jaeger.log");
  const pid = await startDetached(install.binary, [`--config=file:${configFile}`], { cwd: home, logFile });
  const { queryUrl } = tracingEndpoints(ports);
  return {
    name: "jaeger",
    pid,
    address: queryUrl,
    logFile,
    probe: { kind: "http", url: `${queryUrl}/api/services` },
  };
}

function jaegerConfig(ports: JaegerPorts): string {
  return `# Written by cmesh on every start: Jaeger all-in-one for the local stack, traces in memory.
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    # Jaeger's own metrics would take port 8888 on every stack; nothing here reads them.
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memory_store:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: memory_store
    http:
      endpoint: 127.0.0.1:${ports.queryPort}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpcPort}
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${ports.otlpHttpPort}
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memory_store
`;
}
