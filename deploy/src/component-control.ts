import { launchMeshService, type MeshSettings, meshServices } from "./mesh-services.js";
import { isOurProcess, stopProcessGroup } from "./processes.js";
import { silent } from "./progress.js";
import { awaitReady } from "./readiness.js";
import { StackError } from "./stack-error.js";
import { readStackState, writeStackState } from "./stack-state.js";

/** How long a graceful stop may take before the process is killed. */
const STOP_GRACE_MS = 30_000;

/**
 * Stops one mesh service of a running stack, gracefully (SIGTERM, as an operator's restart) or with
 * SIGKILL (as a crash). It stays recorded, so `startMeshService` can bring it back and `down` still works.
 */
export async function stopMeshService(runDir: string, name: string, how: "graceful" | "kill"): Promise<void> {
  const { component } = await find(runDir, name);
  await stopProcessGroup(component.pid, runDir, how === "graceful" ? STOP_GRACE_MS : 0);
}

/**
 * Starts a stopped mesh service of a running stack again, with the settings it first had, and waits until it
 * is ready. `changes` alter the settings for this start only and are not recorded: the bench starts the
 * worker and the file service with and without a trace endpoint (`{ otlpEndpoint }`) to measure tracing's cost.
 */
export async function startMeshService(
  runDir: string,
  name: string,
  readyTimeoutMs = 90_000,
  changes: Partial<Pick<MeshSettings, "otlpEndpoint">> = {},
): Promise<void> {
  const { state, component } = await find(runDir, name);
  if (await isOurProcess(component.pid, runDir))
    throw new StackError(`${name} is already running (pid ${component.pid})`);
  const mesh = state.mesh === undefined ? undefined : { ...state.mesh, ...changes };
  const service = mesh ? meshServices(mesh).find((s) => s.name === name) : undefined;
  if (!mesh || !service)
    throw new StackError(`${name} is not one of the mesh's services, so it cannot be started alone`);
  const restarted = await launchMeshService(service, mesh, silent);
  await writeStackState(runDir, {
    ...state,
    components: state.components.map((c) => (c.name === name ? restarted : c)),
  });
  await awaitReady(restarted, readyTimeoutMs);
}

async function find(runDir: string, name: string) {
  const state = await readStackState(runDir);
  const component = state?.components.find((c) => c.name === name);
  if (!state || !component) throw new StackError(`no component "${name}" is recorded in ${runDir}`);
  return { state, component };
}
