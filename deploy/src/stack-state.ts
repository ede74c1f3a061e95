import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningComponent } from "./component.js";
import type { TracingEndpoints } from "./jaeger.js";
import type { MeshSettings } from "./mesh-services.js";
import type { StackConfig } from "./stack-config.js";

/** A component as `stack.json` records it: the process, and what the stack did with it since `up`. */
export interface RecordedComponent extends RunningComponent {
  /** How many times the supervisor started it again after it died (absent: never). */
  readonly restarts?: number;
  /** Stopped by `cmesh stop` (or a graceful stop of the tests' or bench's): the supervisor leaves it be. */
  readonly stoppedOnPurpose?: boolean;
}

/** What `cmesh up` started, kept in `<runDir>/stack.json` so that `status` and `down` find exactly it. */
export interface StackState {
  readonly startedAt: string;
  /** The directory `cmesh up` ran in (or CONNECT_MESH_BASE_DIR); relative connector file paths resolve against it. */
  readonly startedFrom: string;
  /** The config it was started with, so a component can be started again on the same ports. */
  readonly config?: StackConfig;
  /** In start order; `down` stops them in reverse. */
  readonly components: readonly RecordedComponent[];
  /** How the mesh's services were started, so that one can be started again alone. */
  readonly mesh?: MeshSettings;
  /** Where the trace backend listens, when the stack runs one (`cmesh up --tracing`). */
  readonly tracing?: TracingEndpoints;
}

const stateFile = (runDir: string) => join(runDir, "stack.json");

/** The recorded stack, or undefined when none was started from this run directory. */
export async function readStackState(runDir: string): Promise<StackState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(runDir), "utf8")) as StackState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Records the stack; written after every component start so a failed `up` can still be cleaned up. The
 * file is replaced whole (written aside, then renamed), so the supervisor and `cmesh status`, which read
 * it without the lock, never see half of it.
 */
export async function writeStackState(runDir: string, state: StackState): Promise<void> {
  const written = `${stateFile(runDir)}.${process.pid}`;
  await writeFile(written, `${JSON.stringify(state, null, 2)}\n`);
  await rename(written, stateFile(runDir));
}

/** Forgets the stack once everything in it has stopped. */
export async function clearStackState(runDir: string): Promise<void> {
  await rm(stateFile(runDir), { force: true });
}
