#!/usr/bin/env node
import { registerInMesh, startConnectorServer, stopOnSignals } from "@connect-mesh/connector-sdk";
import { pino } from "pino";
import { fileServiceConfigFromEnv } from "./config.js";
import { fileStreamSink } from "./file-stream-sink.js";
import { fileStreamSource } from "./file-stream-source.js";

// The file connector service: wiring only. The connectors live in file-stream-source.ts and file-stream-sink.ts.
const config = fileServiceConfigFromEnv();
const logger = pino({ level: config.logLevel, base: { service: "connector-file" } });

const server = await startConnectorServer({
  plugins: [fileStreamSource({ baseDir: config.baseDir }), fileStreamSink({ baseDir: config.baseDir })],
  host: config.host,
  port: config.port,
  logger,
});
logger.info({ address: server.address, baseDir: config.baseDir }, "file connector service ready");

const registration = await registerInMesh(server, {
  etcdEndpoints: config.etcdEndpoints,
  cluster: config.cluster,
  instanceId: config.instanceId,
  logger,
});

/** Stop in order: no new work, let open task streams end, then close. */
async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "stopping");
  // Leave the registry first, so workers stop picking this instance before it stops answering.
  await registration.deregister();
  await server.stop({ graceful: true });
}

stopOnSignals(shutdown, (error) => logger.error({ err: error }, "unclean stop"));
