import { mkdir } from "node:fs/promises";
import type { Health, RunningComponent } from "./component.js";
import { checkEtcdHealth, launchEtcd } from "./etcd.js";
import { installEtcd } from "./etcd-install.js";
import { checkKafkaHealth, launchKafka } from "./kafka.js";
import { installKafka } from "./kafka-install.js";
import { ensurePortsFree } from "./ports.js";
import { isOurProcess, stopProcessGroup, tailOf } from "./processes.js";
import type { Progress } from "./progress.js";
import type { StackConfig } from "./stack-config.js";
import { StackError } from "./stack-error.js";
import { clearStackState, readStackState, type StackState, writeStackState } from "./stack-state.js";
import { waitFor } from "./wait-for.js";

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
 * Brings the stack up: fetches and builds what is missing, checks every port first, then starts etcd and
 * Kafka and waits until each really answers. If a stack from this run directory is already running it starts
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
  });

  let state: StackState = { startedAt: new Date().toISOString(), startedFrom: process.cwd(), components: [] };
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
        ? await checkHealth(component)
        : { healthy: false as const, reason: "not running" };
      return { component, running, health };
    }),
  );
}

async function awaitReady(component: RunningComponent, timeoutMs: number): Promise<void> {
  try {
    await waitFor(
      () => checkHealth(component),
      (health) => health.healthy,
      {
        timeoutMs,
        description: `${component.name} on ${component.address} to become ready`,
      },
    );
  } catch (error) {
    throw new StackError(
      `${component.name} did not become ready on ${component.address}; see ${component.logFile}`,
      {
        detail: await tailOf(component.logFile),
        cause: error,
      },
    );
  }
}

function checkHealth(component: RunningComponent): Promise<Health> {
  switch (component.name) {
    case "kafka":
      return checkKafkaHealth(component.address);
    case "etcd":
      return checkEtcdHealth(component.address);
    default:
      throw new StackError(`no health check is known for the component "${component.name}"`);
  }
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
