import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { RunningComponent } from "./component.js";
import { nodeEntry, REPO_ROOT } from "./mesh-services.js";
import { startDetached } from "./processes.js";

/** The supervisor's component name in `stack.json` and `cmesh status`. */
export const SUPERVISOR = "supervisor";

/** How often the supervisor looks at the mesh's services, and so refreshes its heartbeat. */
export const SUPERVISOR_TICK_MS = 500;

/** A heartbeat older than this means the supervisor is stuck, not merely between two looks. */
const HEARTBEAT_MAX_AGE_MS = 10_000;

/** The file the supervisor touches on every look, so `cmesh status` can tell that it still works. */
export const heartbeatFile = (runDir: string) => join(runDir, SUPERVISOR, "heartbeat");

/**
 * Starts the stack's supervisor, a small Node process (src/supervisor-main.ts) that watches the mesh's
 * services and starts again any that died. Like every component it runs detached, with the run
 * directory on its command line to mark it as ours.
 */
export async function launchSupervisor(runDir: string, runFromSource: boolean): Promise<RunningComponent> {
  const home = join(runDir, SUPERVISOR);
  await mkdir(home, { recursive: true });
  const logFile = join(home, `${SUPERVISOR}.log`);
  const pid = await startDetached(
    process.execPath,
    [
      ...nodeEntry(join(REPO_ROOT, "deploy"), "supervisor-main", runFromSource),
      `--connect-mesh-run-dir=${runDir}`,
    ],
    { cwd: REPO_ROOT, logFile },
  );
  return {
    name: SUPERVISOR,
    pid,
    address: "-",
    logFile,
    probe: { kind: "heartbeat", file: heartbeatFile(runDir), maxAgeMs: HEARTBEAT_MAX_AGE_MS },
  };
}
