import type { RunningComponent } from "./component.js";
import { launchEtcd } from "./etcd.js";
import { installEtcd } from "./etcd-install.js";
import { launchJaeger, type TracingEndpoints, tracingEndpoints } from "./jaeger.js";
import { installJaeger } from "./jaeger-install.js";
import { launchKafka } from "./kafka.js";
import { installKafka } from "./kafka-install.js";
import { launchMariaDb } from "./mariadb.js";
import { installMariaDb } from "./mariadb-install.js";
import { launchMeshService, type MeshSettings, meshServices, workerComponents } from "./mesh-services.js";
import { findFreePort } from "./ports.js";
import { launchPostgres } from "./postgres.js";
import { installPostgres } from "./postgres-install.js";
import type { Progress } from "./progress.js";
import { launchSearchEngine } from "./search-engine.js";
import { installSearchEngine } from "./search-engine-install.js";
import type { SearchEngine } from "./search-engines.js";
import type { StackConfig } from "./stack-config.js";
import { launchSupervisor, SUPERVISOR } from "./supervisor-launch.js";

/** The services that serve Prometheus `/metrics` (every one, and each worker); each gets a port of its own. */
const METRICS_SERVICES = [
  "connector-file",
  "connector-jdbc",
  "connector-search",
  "connector-datagen-go",
  "connector-http-python",
  "coordinator",
] as const;

/** What the first `cmesh up` chose beyond the config (free ports), recorded so later starts choose the same. */
export interface StackLayout {
  readonly tracing?: TracingEndpoints;
  readonly mesh: MeshSettings;
}

/** One component of the stack and how to start it, alone or with the rest. */
export interface ComponentPlan {
  readonly name: string;
  /** The ports it takes that must be free before it starts, by what each is for. */
  readonly ports: Readonly<Record<string, number>>;
  /** Fetches or builds what it runs (from the cache after the first time), and says how to start it. */
  prepare(): Promise<PreparedComponent>;
}

/** A component ready to start: what the progress line calls it, and the start itself. */
export interface PreparedComponent {
  readonly description: string;
  /** Starts its process; it is ready once its probe answers. */
  launch(): Promise<RunningComponent>;
}

/** Picks the free ports a new stack's services take (the config fixes the rest). */
export async function chooseLayout(config: StackConfig): Promise<StackLayout> {
  const tracing = config.tracing
    ? tracingEndpoints({
        otlpHttpPort: config.otlpPort,
        queryPort: config.jaegerQueryPort,
        queryGrpcPort: await findFreePort(),
      })
    : undefined;
  const mesh: MeshSettings = {
    runDir: config.runDir,
    etcdUrl: `http://127.0.0.1:${config.etcdPort}`,
    kafkaBootstrap: `127.0.0.1:${config.kafkaPort}`,
    restPort: config.restPort,
    cluster: config.cluster,
    baseDir: config.baseDir,
    runFromSource: config.runFromSource,
    nodeFlags: config.nodeFlags,
    fileConnectorPort: await findFreePort(),
    jdbcConnectorPort: await findFreePort(),
    searchConnectorPort: await findFreePort(),
    datagenPort: await findFreePort(),
    httpSinkPort: await findFreePort(),
    workers: config.workers,
    metricsPorts: Object.fromEntries(
      await Promise.all(
        [...METRICS_SERVICES, ...workerComponents(config.workers).map((worker) => worker.name)].map(
          async (name) => [name, await findFreePort()] as const,
        ),
      ),
    ),
    ...(tracing === undefined ? {} : { otlpEndpoint: tracing.otlpEndpoint }),
  };
  return { ...(tracing === undefined ? {} : { tracing }), mesh };
}

/**
 * Every component of a stack with `config` and `layout`, in start order: Jaeger (with tracing, first so
 * the services export from their first span, and so stopped last, after their final flush), etcd, Kafka,
 * the optional databases and search engines, the mesh's services, and the supervisor that restarts them.
 */
export function planStack(config: StackConfig, layout: StackLayout, progress: Progress): ComponentPlan[] {
  const { cacheDir, runDir } = config;
  const has = (component: string) => config.withComponents.some((wanted) => wanted === component);
  const plans: ComponentPlan[] = [];
  const { tracing } = layout;
  if (tracing !== undefined) {
    plans.push({
      name: "jaeger",
      ports: { "OTLP receiver": tracing.ports.otlpHttpPort, "Jaeger query": tracing.ports.queryPort },
      prepare: async () => {
        const install = await installJaeger(cacheDir, progress);
        return {
          description: `Jaeger ${install.version} (OTLP on ${tracing.otlpEndpoint}, query API on ${tracing.queryUrl})`,
          launch: () => launchJaeger(install, runDir, tracing.ports),
        };
      },
    });
  }
  plans.push(
    {
      name: "etcd",
      ports: { "etcd client": config.etcdPort, "etcd peer": config.etcdPeerPort },
      prepare: async () => {
        const install = await installEtcd(cacheDir, progress);
        return {
          description: `etcd (${install.origin}) on 127.0.0.1:${config.etcdPort}`,
          launch: () =>
            launchEtcd(install, runDir, { clientPort: config.etcdPort, peerPort: config.etcdPeerPort }),
        };
      },
    },
    {
      name: "kafka",
      ports: { "Kafka broker": config.kafkaPort, "Kafka controller": config.kafkaControllerPort },
      prepare: async () => {
        const install = await installKafka(cacheDir, progress);
        return {
          description: `Apache Kafka ${install.version} (KRaft) on 127.0.0.1:${config.kafkaPort}`,
          launch: () =>
            launchKafka(install, runDir, {
              brokerPort: config.kafkaPort,
              controllerPort: config.kafkaControllerPort,
            }),
        };
      },
    },
  );
  // Databases are infrastructure like Kafka: up before any connector service might reach for them.
  if (has("mariadb")) {
    plans.push({
      name: "mariadb",
      ports: { MariaDB: config.mariadbPort },
      prepare: async () => {
        const install = await installMariaDb(cacheDir, progress);
        return {
          description: `MariaDB ${install.version} on 127.0.0.1:${config.mariadbPort}`,
          launch: () => launchMariaDb(install, runDir, config.mariadbPort),
        };
      },
    });
  }
  if (has("postgres")) {
    plans.push({
      name: "postgres",
      ports: { PostgreSQL: config.postgresPort },
      prepare: async () => {
        const install = await installPostgres(cacheDir, progress);
        return {
          description: `PostgreSQL ${install.version} on 127.0.0.1:${config.postgresPort}`,
          launch: () => launchPostgres(install, runDir, config.postgresPort),
        };
      },
    });
  }
  for (const [engine, port] of [
    ["elasticsearch", config.elasticsearchPort],
    ["opensearch", config.opensearchPort],
  ] as const satisfies readonly (readonly [SearchEngine, number])[]) {
    if (!has(engine)) continue;
    plans.push({
      name: engine,
      ports: { [engine]: port },
      prepare: async () => {
        const install = await installSearchEngine(engine, cacheDir, progress);
        return {
          description: `${install.spec.description} on http://127.0.0.1:${port}`,
          launch: async () =>
            launchSearchEngine(install, runDir, { httpPort: port, transportPort: await findFreePort() }),
        };
      },
    });
  }
  for (const service of meshServices(layout.mesh)) {
    plans.push({
      name: service.name,
      ports: {},
      prepare: async () => ({
        description: service.name,
        launch: () => launchMeshService(service, layout.mesh, progress),
      }),
    });
  }
  if (config.restartCrashed) {
    plans.push({
      name: SUPERVISOR,
      ports: {},
      prepare: async () => ({
        description: "the supervisor (restarts a mesh service that dies)",
        launch: () => launchSupervisor(runDir, config.runFromSource),
      }),
    });
  }
  return plans;
}
