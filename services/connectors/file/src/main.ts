#!/usr/bin/env node
import {
  createMetricsRegistry,
  LoggerFactory,
  registerInMesh,
  startConnectorServer,
  startMetricsServer,
  startTelemetry,
  stopOnSignals,
} from "@connect-mesh/connector-sdk";
import { fileServiceConfigFromEnv } from "./config.js";
import { fileStreamSink } from "./file-stream-sink.js";
import { fileStreamSource } from "./file-stream-source.js";

// The file connector service: wiring only. The connectors live in file-stream-source.ts and file-stream-sink.ts.
const config = fileServiceConfigFromEnv();
// First, so every span from here on is exported (when OTEL_EXPORTER_OTLP_ENDPOINT is set).
const telemetry = await startTelemetry(config.telemetry);
const logging = new LoggerFactory({
  service: "connector-file",
  instanceId: config.instanceId,
  level: config.logLevel,
});
const logger = logging.logger("connector-file");

const server = await startConnectorServer({
  plugins: [fileStreamSource({ baseDir: config.baseDir }), fileStreamSink({ baseDir: config.baseDir })],
  host: config.host,
  port: config.port,
  logging,
});
// The process's own metrics (CPU, memory, event loop): the record counters live in the worker.
const metricsServer = await startMetricsServer({
  registry: createMetricsRegistry(),
  host: config.host,
  port: config.metricsPort,
});
logger.info(
  {
    address: server.address,
    metrics: metricsServer.url,
    baseDir: config.baseDir,
    tracing: telemetry.isTracing,
  },
  "file connector service ready",
);

const registration = await registerInMesh(server, {
  etcdEndpoints: config.etcdEndpoints,
  cluster: config.cluster,
  instanceId: config.instanceId,
  metricsAddress: `${config.host}:${metricsServer.port}`,
  logger: logging.logger("connector-sdk.registration"),
});

/** Stop in order: no new work, let open task streams end, then close, then flush the last spans. */
async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "stopping");
  // Leave the registry first, so workers stop picking this instance before it stops answering.
  await registration.deregister();
  await server.stop({ graceful: true });
  await metricsServer.close();
  await telemetry.shutdown();
}

stopOnSignals(shutdown, (error) => logger.error({ err: error }, "unclean stop"));
