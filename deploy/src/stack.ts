import { mkdir } from "node:fs/promises";
import type { Health, RunningComponent } from "./component.js";
import { launchEtcd } from "./etcd.js";
import { installEtcd } from "./etcd-install.js";
import { checkHealth } from "./health.js";
import { launchKafka } from "./kafka.js";
import { installKafka } from "./kafka-install.js";
import { launchMeshService, type MeshSettings, meshServices } from "./mesh-services.js";
import { ensurePortsFree, findFreePort } from "./ports.js";
import { isOurProcess, stopProcessGroup } from "./processes.js";
import type { Progress } from "./progress.js";
import { awaitReady } from "./readiness.js";
import type { StackConfig } from "./stack-config.js";
import { clearStackState, readStackState, type StackState, writeStackState } from "./stack-state.js";

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
 * Brings the stack up: fetches and builds what is missing, checks every port first, then starts etcd,
 * Kafka, the file connector service, the coordinator and the worker, and waits until each really answers. If a stack from this run directory is already running it starts
 * nothing. If any step fails, whatever this call started is stopped again, so nothing is left half-running.
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
  await ensurePortsFree({
    "Kafka broker": config.kafkaPort,
    "Kafka controller": config.kafkaControllerPort,
    "etcd client": config.etcdPort,
    "etcd peer": config.etcdPeerPort,
    "REST API": config.restPort,
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
      datagenPort: await findFreePort(),
      httpSinkPort: await findFreePort(),
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
    await stopProcessGroup(component.pid, runDir, STOP_GRACE_MS);
  }
  await clearStackState(runDir);
}
