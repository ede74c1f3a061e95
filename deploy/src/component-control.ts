import type { RunningComponent } from "./component.js";
import type { MeshSettings } from "./mesh-services.js";
import { ensurePortsFree } from "./ports.js";
import { isOurProcess, stopProcessGroup } from "./processes.js";
import { type Progress, silent } from "./progress.js";
import { awaitReady } from "./readiness.js";
import { StackError } from "./stack-error.js";
import { tryStackLock, underStackLock } from "./stack-lock.js";
import { planStack } from "./stack-plan.js";
import { type RecordedComponent, readStackState, type StackState, writeStackState } from "./stack-state.js";

/** How long a graceful stop may take before the process is killed (Kafka's controlled shutdown can take seconds). */
export const STOP_GRACE_MS = 30_000;

/** What a start may change for this start only, unrecorded: the bench starts services without tracing. */
export type StartChanges = Partial<Pick<MeshSettings, "otlpEndpoint">>;

/**
 * Stops one component of a running stack: gracefully (its stop signal, then SIGKILL after a grace time)
 * and on purpose, so the supervisor leaves it stopped until `cmesh up` or `cmesh restart`; or with
 * SIGKILL, as a crash is (the tests' way to study one). It stays recorded, so it can be started again and
 * `down` still knows it.
 */
export async function stopComponent(runDir: string, name: string, how: "graceful" | "kill"): Promise<void> {
  await underStackLock(runDir, async () => {
    const state = await recordedState(runDir);
    const component = componentOf(state, name, runDir);
    if (how === "graceful") {
      await writeStackState(runDir, replaced(state, { ...component, stoppedOnPurpose: true }));
      await stopProcessGroup(component.pid, runDir, STOP_GRACE_MS, component.stopSignal);
    } else {
      await stopProcessGroup(component.pid, runDir, 0);
    }
  });
}

/**
 * Starts again the recorded components of `names` that are not running ("all": every one), in the
 * stack's start order, with the ports and settings they first had, and waits until each is ready before
 * the next (a worker needs Kafka answering). `changes` apply to this start only. Returns what it started.
 */
export async function startComponents(
  runDir: string,
  names: readonly string[] | "all",
  options: {
    readonly progress?: Progress;
    readonly readyTimeoutMs?: number;
    readonly changes?: StartChanges;
  } = {},
): Promise<RunningComponent[]> {
  const progress = options.progress ?? silent;
  return underStackLock(runDir, async () => {
    let state = await recordedState(runDir);
    if (names !== "all") for (const name of names) componentOf(state, name, runDir);
    const started: RunningComponent[] = [];
    for (const component of state.components) {
      if (names !== "all" && !names.includes(component.name)) continue;
      if (await isOurProcess(component.pid, runDir)) continue;
      const launched = await launchAgain(state, component.name, progress, options.changes);
      state = replaced(state, { ...launched, restarts: component.restarts });
      await writeStackState(runDir, state);
      started.push(launched);
      await awaitReady(launched, options.readyTimeoutMs ?? 90_000);
    }
    return started;
  });
}

/**
 * The supervisor's restart of a component that died: only if nothing else is starting or stopping
 * components right now (it will look again soon), only if it was not stopped on purpose and is still
 * dead. Counts the restart; does not wait for readiness (if it dies again, the supervisor sees it).
 * Returns the new process, or undefined when it left the component alone.
 */
export async function restartCrashed(runDir: string, name: string): Promise<RunningComponent | undefined> {
  return tryStackLock(runDir, async () => {
    const state = await readStackState(runDir);
    const component = state?.components.find((c) => c.name === name);
    if (!state || !component || component.stoppedOnPurpose) return undefined;
    if (await isOurProcess(component.pid, runDir)) return undefined;
    const launched = await launchAgain(state, name, silent);
    await writeStackState(runDir, replaced(state, { ...launched, restarts: (component.restarts ?? 0) + 1 }));
    return launched;
  });
}

/** Starts the process of the recorded component `name` as the stack's plan says, its ports checked first. */
async function launchAgain(
  state: StackState,
  name: string,
  progress: Progress,
  changes: StartChanges = {},
): Promise<RunningComponent> {
  const { config, mesh } = state;
  if (config === undefined || mesh === undefined) {
    throw new StackError(
      "this stack was started by an older cmesh that did not record how to start its parts again; `cmesh down`, then `cmesh up`",
    );
  }
  const layout = { ...(state.tracing ? { tracing: state.tracing } : {}), mesh: { ...mesh, ...changes } };
  const plan = planStack(config, layout, progress).find((p) => p.name === name);
  if (plan === undefined)
    throw new StackError(`${name} is not a part of this stack's plan, so it cannot be started`);
  const prepared = await plan.prepare();
  await ensurePortsFree(plan.ports);
  progress(`starting ${prepared.description}`);
  return prepared.launch();
}

async function recordedState(runDir: string): Promise<StackState> {
  const state = await readStackState(runDir);
  if (!state) throw new StackError(`no stack is recorded in ${runDir}; start one with \`cmesh up\``);
  return state;
}

function componentOf(state: StackState, name: string, runDir: string): RecordedComponent {
  const component = state.components.find((c) => c.name === name);
  if (!component) {
    const names = state.components.map((c) => c.name).join(", ");
    throw new StackError(`no component "${name}" is recorded in ${runDir}; its components are ${names}`);
  }
  return component;
}

/** The state with `component` in place of the one of the same name, its start-order place kept. */
function replaced(state: StackState, component: RecordedComponent): StackState {
  return { ...state, components: state.components.map((c) => (c.name === component.name ? component : c)) };
}
