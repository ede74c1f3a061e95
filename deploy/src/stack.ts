import { mkdir } from "node:fs/promises";
import type { Health, RunningComponent } from "./component.js";
import { STOP_GRACE_MS, startComponents } from "./component-control.js";
import { checkHealth } from "./health.js";
import { ensurePortsFree } from "./ports.js";
import { isOurProcess, stopProcessGroup } from "./processes.js";
import type { Progress } from "./progress.js";
import { awaitReady } from "./readiness.js";
import type { StackConfig } from "./stack-config.js";
import { underStackLock } from "./stack-lock.js";
import { chooseLayout, type PreparedComponent, planStack } from "./stack-plan.js";
import {
  clearStackState,
  type RecordedComponent,
  readStackState,
  type StackState,
  writeStackState,
} from "./stack-state.js";

/** The outcome of `upStack`: the stack, and what this call started (nothing when all of it was running). */
export interface UpResult {
  readonly state: StackState;
  /** Every component when the stack was new, the missing ones when part of it was running, or none. */
  readonly started: readonly RunningComponent[];
  /** Whether the stack was new, or part or all of it already ran from this run directory. */
  readonly fresh: boolean;
}

/** A component's liveness and health, as `cmesh status` shows it. */
export interface ComponentStatus {
  readonly component: RecordedComponent;
  readonly running: boolean;
  readonly health: Health;
}

/**
 * Brings the stack up: fetches and builds what is missing, checks every port first, then starts each
 * component of the plan (stack-plan.ts) and waits until it really answers. If any step fails, whatever
 * this call started is stopped again, so nothing is left half-running. If a stack from this run directory
 * is already running, in part or whole, it starts exactly the components that are not, with the config
 * and ports they were first given (as `docker compose up` does), whatever this call's config says.
 */
export async function upStack(config: StackConfig, progress: Progress): Promise<UpResult> {
  await mkdir(config.runDir, { recursive: true });
  const existing = await readStackState(config.runDir);
  if (existing) {
    if (await anyRunning(existing, config.runDir)) {
      const started = await startComponents(config.runDir, "all", {
        progress,
        readyTimeoutMs: config.readyTimeoutMs,
      });
      return { state: (await readStackState(config.runDir)) ?? existing, started, fresh: false };
    }
    // A stack that died without `down` (a reboot, a kill): its record is stale.
    await clearStackState(config.runDir);
  }
  return underStackLock(config.runDir, () => startFresh(config, progress));
}

async function startFresh(config: StackConfig, progress: Progress): Promise<UpResult> {
  await mkdir(config.cacheDir, { recursive: true });
  const layout = await chooseLayout(config);
  const plans = planStack(config, layout, progress);
  const prepared: PreparedComponent[] = [];
  for (const plan of plans) prepared.push(await plan.prepare());
  await ensurePortsFree(Object.assign({}, ...plans.map((plan) => plan.ports)));

  let state: StackState = {
    startedAt: new Date().toISOString(),
    startedFrom: config.baseDir,
    config,
    components: [],
    ...layout,
  };
  try {
    for (const component of prepared) {
      progress(`starting ${component.description}`);
      const launched = await component.launch();
      // Recorded as soon as its process exists, so a failure at any later point stops it.
      state = { ...state, components: [...state.components, launched] };
      await writeStackState(config.runDir, state);
      await awaitReady(launched, config.readyTimeoutMs);
    }
  } catch (error) {
    await stopComponents(state, config.runDir);
    throw error;
  }
  return { state, started: state.components, fresh: true };
}

/** Stops every component of the recorded stack, newest first. Returns what was stopped (empty if nothing ran). */
export async function downStack(config: StackConfig): Promise<readonly RunningComponent[]> {
  if (!(await readStackState(config.runDir))) return [];
  // Under the lock, so the supervisor (stopped first, as the newest) starts nothing meanwhile.
  return underStackLock(config.runDir, async () => {
    const state = await readStackState(config.runDir);
    if (!state) return [];
    await stopComponents(state, config.runDir);
    return state.components;
  });
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

/** Stops them newest first: the supervisor before what it watches, the worker before what it reads and writes. */
async function stopComponents(state: StackState, runDir: string): Promise<void> {
  for (const component of [...state.components].reverse()) {
    await stopProcessGroup(component.pid, runDir, STOP_GRACE_MS, component.stopSignal);
  }
  await clearStackState(runDir);
}
