import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningComponent } from "./component.js";
import type { TracingEndpoints } from "./jaeger.js";
import type { MeshSettings } from "./mesh-services.js";

/** What `cmesh up` started, kept in `<runDir>/stack.json` so that `status` and `down` find exactly it. */
export interface StackState {
  readonly startedAt: string;
  /** The directory `cmesh up` ran in (or CONNECT_MESH_BASE_DIR); relative connector file paths resolve against it. */
  readonly startedFrom: string;
  /** In start order; `down` stops them in reverse. */
  readonly components: readonly RunningComponent[];
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

/** Records the stack; written after every component start so a failed `up` can still be cleaned up. */
export async function writeStackState(runDir: string, state: StackState): Promise<void> {
  await writeFile(stateFile(runDir), `${JSON.stringify(state, null, 2)}\n`);
}

/** Forgets the stack once everything in it has stopped. */
export async function clearStackState(runDir: string): Promise<void> {
  await rm(stateFile(runDir), { force: true });
}
