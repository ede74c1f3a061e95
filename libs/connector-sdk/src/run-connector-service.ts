import { stopOnSignals } from "@connect-mesh/async";
import {
  createMetricsRegistry,
  LoggerFactory,
  startMetricsServer,
  startTelemetry,
} from "@connect-mesh/telemetry";
import { startConnectorServer } from "./connector-server.js";
import { registerInMesh } from "./mesh-registration.js";
import type { ConnectorPlugin } from "./plugin.js";
import type { ConnectorServiceSettings } from "./service-settings.js";

/** What `runConnectorService` runs. */
export interface ConnectorServiceOptions {
  /** The service's name in logs, e.g. "connector-file". */
  readonly service: string;
  readonly settings: ConnectorServiceSettings;
  readonly plugins: readonly ConnectorPlugin[];
  /** More to say in the "ready" log line, e.g. the base directory. */
  readonly readyDetails?: Readonly<Record<string, unknown>>;
}

/**
 * Runs a connector service as the mesh expects, the whole of a service's `main.ts` but for its settings
 * and plugins: telemetry first (so every span is exported), the gRPC server, the process's own `/metrics`,
 * registration in the service registry, and on SIGTERM or SIGINT a stop in order: leave the registry (so
 * workers stop picking this instance), let open task streams end, close, then flush the last spans.
 */
export async function runConnectorService(options: ConnectorServiceOptions): Promise<void> {
  const { settings, service } = options;
  const telemetry = await startTelemetry(settings.telemetry);
  const logging = new LoggerFactory({ service, instanceId: settings.instanceId, level: settings.logLevel });
  const logger = logging.logger(service);
  const server = await startConnectorServer({
    plugins: options.plugins,
    host: settings.host,
    port: settings.port,
    logging,
  });
  // The process's own metrics (CPU, memory, event loop): the record counters live in the worker.
  const metricsServer = await startMetricsServer({
    registry: createMetricsRegistry(),
    host: settings.host,
    port: settings.metricsPort,
  });
  logger.info(
    {
      address: server.address,
      metrics: metricsServer.url,
      tracing: telemetry.isTracing,
      ...options.readyDetails,
    },
    `${service} ready`,
  );
  const registration = await registerInMesh(server, {
    etcdEndpoints: settings.etcdEndpoints,
    cluster: settings.cluster,
    instanceId: settings.instanceId,
    metricsAddress: `${settings.host}:${metricsServer.port}`,
    logger: logging.logger("connector-sdk.registration"),
  });
  stopOnSignals(
    async (signal) => {
      logger.info({ signal }, "stopping");
      await registration.deregister();
      await server.stop({ graceful: true });
      await metricsServer.close();
      await telemetry.shutdown();
    },
    (error) => logger.error({ err: error }, "unclean stop"),
  );
}
