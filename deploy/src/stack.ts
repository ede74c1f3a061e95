import { mkdir } from "node:fs/promises";
import type { Health, RunningComponent } from "./component.js";
import { launchEtcd } from "./etcd.js";
import { installEtcd } from "./etcd-install.js";
import { checkHealth } from "./health.js";
import { launchJaeger, tracingEndpoints } from "./jaeger.js";
import { installJaeger } from "./jaeger-install.js";
import { launchKafka } from "./kafka.js";
import { installKafka } from "./kafka-install.js";
import { launchMariaDb } from "./mariadb.js";
import { installMariaDb } from "./mariadb-install.js";
import { launchMeshService, type MeshSettings, meshServices, workerComponents } from "./mesh-services.js";
import type { OptionalComponent } from "./optional-components.js";
import { ensurePortsFree, findFreePort } from "./ports.js";
import { launchPostgres } from "./postgres.js";
import { installPostgres } from "./postgres-install.js";
import { isOurProcess, stopProcessGroup } from "./processes.js";
import type { Progress } from "./progress.js";
import { awaitReady } from "./readiness.js";
import { launchSearchEngine } from "./search-engine.js";
import { installSearchEngine, type SearchEngineInstall } from "./search-engine-install.js";
import type { SearchEngine } from "./search-engines.js";
import type { StackConfig } from "./stack-config.js";
import { clearStackState, readStackState, type StackState, writeStackState } from "./stack-state.js";

/** The services that serve Prometheus `/metrics` (every one, and each worker); each gets a port of its own. */
const METRICS_SERVICES = [
  "connector-file",
  "connector-jdbc",
  "connector-search",
  "connector-datagen-go",
  "connector-http-python",
  "coordinator",
] as const;

/** Kafka's controlled shutdown can take several seconds; after this it is killed. */
const STOP_GRACE_MS = 30_000;

/** The outcome of `upStack`. */
export type UpResult =
  | { readonly started: true; readonly state: StackState }
  | { readonly started: false; readonly reason: "already-running"; readonly state: StackState };

/** A component's liveness and health, as `cmesh status` shows it. */
export interface ComponentStatus {
  readonly component: RunningComponent;
  readonly running: boolean;
  readonly health: Health;
}

/**
 * Brings the stack up: fetches and builds what is missing, checks every port first, then starts Jaeger
 * (with `tracing`), etcd, Kafka, the optional components (`withComponents`: MariaDB, PostgreSQL,
 * Elasticsearch, OpenSearch), the
 * connector services, the coordinator and the worker, and waits until each really answers. If a stack from
 * this run directory is already running it starts nothing. If any step fails, whatever this call started is
 * stopped again, so nothing is left half-running.
 */
export async function upStack(config: StackConfig, progress: Progress): Promise<UpResult> {
  await mkdir(config.runDir, { recursive: true });
  const existing = await readStackState(config.runDir);
  if (existing) {
    if (await anyRunning(existing, config.runDir))
      return { started: false, reason: "already-running", state: existing };
    // A stack that died without `down` (a reboot, a kill): its record is stale.
    await clearStackState(config.runDir);
  }

  await mkdir(config.cacheDir, { recursive: true });
  const kafkaInstall = await installKafka(config.cacheDir, progress);
  const etcdInstall = await installEtcd(config.cacheDir, progress);
  const jaegerInstall = config.tracing ? await installJaeger(config.cacheDir, progress) : undefined;
  const has = (component: OptionalComponent) => config.withComponents.includes(component);
  const mariadbInstall = has("mariadb") ? await installMariaDb(config.cacheDir, progress) : undefined;
  const postgresInstall = has("postgres") ? await installPostgres(config.cacheDir, progress) : undefined;
  const searchEngines: { readonly install: SearchEngineInstall; readonly port: number }[] = [];
  for (const [engine, port] of [
    ["elasticsearch", config.elasticsearchPort],
    ["opensearch", config.opensearchPort],
  ] as const satisfies readonly (readonly [SearchEngine, number])[]) {
    if (has(engine))
      searchEngines.push({ install: await installSearchEngine(engine, config.cacheDir, progress), port });
  }
  await ensurePortsFree({
    "Kafka broker": config.kafkaPort,
    "Kafka controller": config.kafkaControllerPort,
    "etcd client": config.etcdPort,
    "etcd peer": config.etcdPeerPort,
    "REST API": config.restPort,
    ...(config.tracing ? { "OTLP receiver": config.otlpPort, "Jaeger query": config.jaegerQueryPort } : {}),
    ...(mariadbInstall ? { MariaDB: config.mariadbPort } : {}),
    ...(postgresInstall ? { PostgreSQL: config.postgresPort } : {}),
    ...Object.fromEntries(searchEngines.map(({ install, port }) => [install.spec.description, port])),
  });

  let state: StackState = {
    startedAt: new Date().toISOString(),
    startedFrom: config.baseDir,
    components: [],
  };
  // Each component is recorded as soon as its process exists, so a failure at any later point stops it.
  const launch = async (component: Promise<RunningComponent>, what: string) => {
    progress(`starting ${what}`);
    const launched = await component;
    state = { ...state, components: [...state.components, launched] };
    await writeStackState(config.runDir, state);
    await awaitReady(launched, config.readyTimeoutMs);
  };
  try {
    if (jaegerInstall !== undefined) {
      // First, so the services export from their first span; `down` stops it last, after their final flush.
      const tracing = tracingEndpoints({
        otlpHttpPort: config.otlpPort,
        queryPort: config.jaegerQueryPort,
        queryGrpcPort: await findFreePort(),
      });
      state = { ...state, tracing };
      await launch(
        launchJaeger(jaegerInstall, config.runDir, tracing.ports),
        `Jaeger ${jaegerInstall.version} (OTLP on ${tracing.otlpEndpoint}, query API on ${tracing.queryUrl})`,
      );
    }
    await launch(
      launchEtcd(etcdInstall, config.runDir, { clientPort: config.etcdPort, peerPort: config.etcdPeerPort }),
      `etcd (${etcdInstall.origin}) on 127.0.0.1:${config.etcdPort}`,
    );
    await launch(
      launchKafka(kafkaInstall, config.runDir, {
        brokerPort: config.kafkaPort,
        controllerPort: config.kafkaControllerPort,
      }),
      `Apache Kafka ${kafkaInstall.version} (KRaft) on 127.0.0.1:${config.kafkaPort}`,
    );
    // Databases are infrastructure like Kafka: up before any connector service might reach for them.
    if (mariadbInstall !== undefined) {
      await launch(
        launchMariaDb(mariadbInstall, config.runDir, config.mariadbPort),
        `MariaDB ${mariadbInstall.version} on 127.0.0.1:${config.mariadbPort}`,
      );
    }
    if (postgresInstall !== undefined) {
      await launch(
        launchPostgres(postgresInstall, config.runDir, config.postgresPort),
        `PostgreSQL ${postgresInstall.version} on 127.0.0.1:${config.postgresPort}`,
      );
    }
    for (const { install, port } of searchEngines) {
      await launch(
        launchSearchEngine(install, config.runDir, { httpPort: port, transportPort: await findFreePort() }),
        `${install.spec.description} on http://127.0.0.1:${port}`,
      );
    }
    const mesh: MeshSettings = {
      runDir: config.runDir,
      etcdUrl: `http://127.0.0.1:${config.etcdPort}`,
      kafkaBootstrap: `127.0.0.1:${config.kafkaPort}`,
      restPort: config.restPort,
      cluster: config.cluster,
      baseDir: state.startedFrom,
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
      ...(state.tracing === undefined ? {} : { otlpEndpoint: state.tracing.otlpEndpoint }),
    };
    state = { ...state, mesh };
    for (const service of meshServices(mesh))
      await launch(launchMeshService(service, mesh, progress), service.name);
  } catch (error) {
    await stopComponents(state, config.runDir);
    throw error;
  }
  return { started: true, state };
}

/** Stops every component of the recorded stack, newest first. Returns what was stopped (empty if nothing ran). */
export async function downStack(config: StackConfig): Promise<readonly RunningComponent[]> {
  const state = await readStackState(config.runDir);
  if (!state) return [];
  await stopComponents(state, config.runDir);
  return state.components;
}

/** Liveness and health of every recorded component; undefined when no stack was started here. */
export async function stackStatus(config: StackConfig): Promise<readonly ComponentStatus[] | undefined> {
  const state = await readStackState(config.runDir);
  if (!state) return undefined;
  return Promise.all(
    state.components.map(async (component): Promise<ComponentStatus> => {
      const running = await isOurProcess(component.pid, config.runDir);
      const health = running
        ? await checkHealth(component.probe)
        : { healthy: false as const, reason: "not running" };
      return { component, running, health };
    }),
  );
}

async function anyRunning(state: StackState, runDir: string): Promise<boolean> {
  const alive = await Promise.all(state.components.map((c) => isOurProcess(c.pid, runDir)));
  return alive.some(Boolean);
}

async function stopComponents(state: StackState, runDir: string): Promise<void> {
  for (const component of [...state.components].reverse()) {
    await stopProcessGroup(component.pid, runDir, STOP_GRACE_MS, component.stopSignal);
  }
  await clearStackState(runDir);
}
