import { stopOnSignals } from "@connect-mesh/async";
import { clusterStores } from "@connect-mesh/cluster-state";
import { createConverter } from "@connect-mesh/converters";
import { EtcdCoordinationStore, type Lease, ServiceRegistry } from "@connect-mesh/coordination";
import { type Admin, KafkaClient, type Producer } from "@connect-mesh/kafka";
import { followClusterLoggerLevels } from "@connect-mesh/logging";
import { SourceOffsetStore } from "@connect-mesh/source-offsets";
import {
  createMetricsRegistry,
  LoggerFactory,
  startMetricsServer,
  startTelemetry,
} from "@connect-mesh/telemetry";
import { registerClusterStateMetrics } from "./cluster-state-metrics.js";
import { coordinatorSettingsFrom } from "./config.js";
import { ConnectorServices } from "./connector-services.js";
import { kafkaClusterIdLookup } from "./kafka-cluster-id.js";
import { runLeaderLoop } from "./leader/leader-loop.js";
import { Reconciler } from "./leader/reconciler.js";
import { PluginCatalogWatcher } from "./plugin-catalog-watcher.js";
import { registerConnectorRoutes } from "./rest/connector-routes.js";
import { registerInfoRoutes } from "./rest/info-routes.js";
import { registerLoggerRoutes } from "./rest/logger-routes.js";
import { registerOffsetsRoutes } from "./rest/offsets-routes.js";
import { registerOpenApi } from "./rest/openapi.js";
import { registerPluginRoutes } from "./rest/plugin-routes.js";
import { createRestApp } from "./rest/rest-app.js";
import { registerRestartRoutes } from "./rest/restart-routes.js";
import { registerTargetStateRoutes } from "./rest/target-state-routes.js";
import { registerTopicsRoutes } from "./rest/topics-routes.js";

const VERSION = "0.1.0";

const settings = coordinatorSettingsFrom(process.env);
// First, so every span from here on is exported (when OTEL_EXPORTER_OTLP_ENDPOINT is set).
const telemetry = await startTelemetry(settings.telemetry);
const logs = new LoggerFactory({
  service: "coordinator",
  instanceId: settings.coordinatorId,
  level: settings.logLevel,
});
const { loggers } = logs;
const logger = loggers.logger("coordinator");
const stopping = new AbortController();

const store = new EtcdCoordinationStore(settings.etcdEndpoints);
const state = clusterStores(store, settings.cluster);
// Its own process metrics, and the cluster's connector and task states read at each scrape.
const metricsRegistry = createMetricsRegistry();
registerClusterStateMetrics(metricsRegistry, state);
const metricsServer = await startMetricsServer({ registry: metricsRegistry, port: settings.metricsPort });
const followingLoggerLevels = followClusterLoggerLevels({
  levels: state.loggerLevels,
  loggers,
  signal: stopping.signal,
  onError: (error) => logger.warn({ err: error }, "lost the cluster's logger levels; following them again"),
});
const registry = new ServiceRegistry(store, state.keys.servicesRoot);
const services = new ConnectorServices();
const catalog = new PluginCatalogWatcher(registry, stopping.signal, (error) =>
  logger.warn({ err: error }, "lost the service registry; following it again"),
);

// One lease for this instance's registration and campaign; a lost lease is replaced on the next campaign.
let lease: Lease | undefined;
const currentLease = async (): Promise<Lease> => {
  if (!lease || lease.lost.aborted) {
    lease = await store.grantLease(settings.leaseTtlSeconds);
    await registry.register(
      {
        serviceType: "coordinator",
        instanceId: settings.coordinatorId,
        address: `${settings.restHost}:${settings.restPort}`,
        metricsAddress: `127.0.0.1:${metricsServer.port}`,
        plugins: [],
        version: VERSION,
        registeredAt: new Date().toISOString(),
      },
      lease,
    );
  }
  return lease;
};

// Kafka clients for the offsets API, connected on first use so the REST API starts while Kafka is down.
const kafka = new KafkaClient({
  clientId: `connect-mesh-${settings.coordinatorId}`,
  brokers: [...settings.kafkaBrokers],
  logs: "warnings",
});
let kafkaClients: Promise<{ admin: Admin; producer: Producer }> | undefined;
const connectKafka = () => {
  kafkaClients ??= (async () => {
    const admin = kafka.admin();
    const producer = kafka.producer("offsets");
    await Promise.all([admin.connect(), producer.connect()]);
    return { admin, producer };
  })().catch((error: unknown) => {
    kafkaClients = undefined;
    throw error;
  });
  return kafkaClients;
};
const sourceOffsets = new SourceOffsetStore(
  kafka,
  settings.offsetsTopic,
  createConverter("JsonConverter", { "schemas.enable": "false" }, { isKey: false }),
);

const app = createRestApp(loggers.logger("coordinator.rest"));
await registerOpenApi(app, VERSION);
registerInfoRoutes(app, {
  version: VERSION,
  kafkaClusterId: kafkaClusterIdLookup(settings.kafkaBrokers),
});
registerConnectorRoutes(app, { state, catalog, services });
registerTargetStateRoutes(app, state);
registerTopicsRoutes(app, { state, tracking: settings.topicTracking });
registerRestartRoutes(app, { state, catalog });
registerPluginRoutes(app, { catalog, services });
registerOffsetsRoutes(app, { state, catalog, sourceOffsets, kafka: connectKafka });
registerLoggerRoutes(app, { loggers, levels: state.loggerLevels });

await app.listen({ host: settings.restHost, port: settings.restPort });
logger.info(
  {
    url: `http://${settings.restHost}:${settings.restPort}`,
    metrics: metricsServer.url,
    tracing: telemetry.isTracing,
  },
  "REST API listening",
);

const leading = runLeaderLoop(
  {
    store,
    state,
    registry,
    catalog,
    reconciler: new Reconciler({
      state,
      registry,
      services,
      catalog: () => catalog.current(),
      coordinatorId: settings.coordinatorId,
      rebalanceDelayMs: settings.rebalanceDelayMs,
      logger: loggers.logger("coordinator.reconciler"),
    }),
    coordinatorId: settings.coordinatorId,
    lease: currentLease,
    logger: loggers.logger("coordinator.leader"),
  },
  stopping.signal,
);

/** Stop in order: no new requests, step down so another instance leads at once, let go of etcd, flush spans. */
async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, "stopping");
  await app.close();
  stopping.abort();
  await Promise.all([leading, followingLoggerLevels]);
  services.close();
  const clients = await kafkaClients?.catch(() => undefined);
  await Promise.all([clients?.admin.disconnect(), clients?.producer.disconnect()]);
  await store.close();
  await metricsServer.close();
  await telemetry.shutdown();
}

stopOnSignals(shutdown, (error) => logger.error({ err: error }, "unclean stop"));
