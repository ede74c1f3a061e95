import { stopOnSignals } from "@connect-mesh/async";
import { clusterStores } from "@connect-mesh/cluster-state";
import { createConverter } from "@connect-mesh/converters";
import { EtcdCoordinationStore, ServiceRegistry } from "@connect-mesh/coordination";
import { KafkaClient } from "@connect-mesh/kafka";
import { followClusterLoggerLevels } from "@connect-mesh/logging";
import { SourceOffsetStore } from "@connect-mesh/source-offsets";
import { LoggerFactory, startMetricsServer, startTelemetry } from "@connect-mesh/telemetry";
import { ActiveTopics } from "./active-topics.js";
import { AssignmentManager } from "./assignment-manager.js";
import { MAX_UNCOMMITTED_RECORDS } from "./background-commits.js";
import { workerSettingsFrom } from "./config.js";
import { ConnectorLocator } from "./connector-locator.js";
import { createWorkerMetrics } from "./worker-metrics.js";

const VERSION = "0.1.0";

const settings = workerSettingsFrom(process.env);
// First, so every span from here on is exported (when OTEL_EXPORTER_OTLP_ENDPOINT is set).
const telemetry = await startTelemetry(settings.telemetry);
const logs = new LoggerFactory({
  service: "worker",
  instanceId: settings.workerId,
  level: settings.logLevel,
});
const logger = logs.logger("worker");
const stopping = new AbortController();
// One per process, served on /metrics below; each task records into its own view of it.
const metrics = createWorkerMetrics();

const store = new EtcdCoordinationStore(settings.etcdEndpoints);
const state = clusterStores(store, settings.cluster);
// Levels set with PUT /admin/loggers/{logger}?scope=cluster reach the workers too (KIP-976).
const followingLoggerLevels = followClusterLoggerLevels({
  levels: state.loggerLevels,
  loggers: logs.loggers,
  signal: stopping.signal,
  onError: (error) => logger.warn({ err: error }, "lost the cluster's logger levels; following them again"),
});
const registry = new ServiceRegistry(store, state.keys.servicesRoot);
const kafka = new KafkaClient({
  clientId: `connect-mesh-${settings.workerId}`,
  brokers: settings.kafkaBrokers,
  logs: "warnings",
});
const admin = kafka.admin();
await admin.connect();
const offsets = new SourceOffsetStore(
  kafka,
  settings.offsetsTopic,
  createConverter("JsonConverter", { "schemas.enable": "false" }, { isKey: false }),
);
await offsets.ensureTopic(admin);
const metricsServer = await startMetricsServer({
  registry: metrics.registry,
  port: settings.metricsPort,
});

const lease = await store.grantLease(settings.leaseTtlSeconds);
await registry.register(
  {
    serviceType: "worker",
    instanceId: settings.workerId,
    address: "",
    metricsAddress: `127.0.0.1:${metricsServer.port}`,
    plugins: [],
    version: VERSION,
    registeredAt: new Date().toISOString(),
  },
  lease,
);
logger.info(
  { metrics: metricsServer.url, tracing: telemetry.isTracing },
  "worker registered; following its assignment",
);

const manager = new AssignmentManager({
  workerId: settings.workerId,
  state,
  lease,
  kafka,
  admin,
  offsets,
  locator: new ConnectorLocator(registry),
  registry,
  activeTopics: new ActiveTopics(state.activeTopics, settings.topicTrackingEnabled, logger),
  logger,
  metrics: metrics.connect,
  commitCadence: {
    minIntervalMs: settings.offsetFlushIntervalMs,
    maxUncommittedRecords: MAX_UNCOMMITTED_RECORDS,
  },
});
// Losing the lease means the leader has given our tasks away: stop them rather than run them twice.
const running = manager.run(AbortSignal.any([stopping.signal, lease.lost]));

/** Stop in order: finish and commit the tasks' batches in hand, leave the registry, let go, flush the spans. */
async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "stopping");
  stopping.abort();
  await running;
  await followingLoggerLevels;
  await registry.deregister("worker", settings.workerId).catch(() => undefined);
  await admin.disconnect();
  await store.close();
  await metricsServer.close();
  await telemetry.shutdown();
}

stopOnSignals(shutdown, (error) => logger.error({ err: error }, "unclean stop"));

running.then(
  () => {
    if (!stopping.signal.aborted) {
      logger.fatal(
        { reason: String(lease.lost.reason) },
        "lost the worker's lease; exiting so a supervisor restarts us",
      );
      process.exit(1);
    }
  },
  (error: unknown) => {
    logger.fatal(
      { err: error },
      "the worker cannot follow its assignment; exiting so a supervisor restarts us",
    );
    process.exit(1);
  },
);
