import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { StackError } from "./stack-error.js";

/** How often a waiting command looks again whether the lock is free. */
const POLL_MS = 50;

const lockFile = (runDir: string) => join(runDir, "stack.lock");

/** How long a command waits while another one starts or stops components (a start waits for readiness). */
const COMMAND_WAIT_MS = 5 * 60_000;

/**
 * Runs `work` while this process alone may start or stop the stack's components: `cmesh up`, `down`,
 * `restart`, `stop` and the supervisor each take the lock, so two of them never start the same worker
 * twice or record over each other's pids. The lock is a file holding its owner's pid, created
 * exclusively; one left by a process that died is taken over. A lock still taken after a few minutes is
 * an error that names its holder.
 */
export async function underStackLock<T>(runDir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + COMMAND_WAIT_MS;
  while (!(await tryTake(runDir))) {
    if (Date.now() >= deadline) {
      throw new StackError(
        `another cmesh command (pid ${(await holderOf(runDir)) ?? "unknown"}) is still starting or stopping this stack's components; try again when it has finished (if none is running, delete ${lockFile(runDir)})`,
      );
    }
    await delay(POLL_MS);
  }
  return holding(runDir, work);
}

/** The supervisor's way: runs `work` under the lock if it is free now, else does nothing (undefined). */
export async function tryStackLock<T>(runDir: string, work: () => Promise<T>): Promise<T | undefined> {
  return (await tryTake(runDir)) ? holding(runDir, work) : undefined;
}

async function holding<T>(runDir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await rm(lockFile(runDir), { force: true });
  }
}

async function tryTake(runDir: string): Promise<boolean> {
  try {
    const handle = await open(lockFile(runDir), "wx");
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = await holderOf(runDir);
  // A holder that has just created the file may not have written its pid yet: only a dead one is cleared.
  if (holder !== undefined && !isAlive(holder)) await rm(lockFile(runDir), { force: true });
  return false;
}

async function holderOf(runDir: string): Promise<number | undefined> {
  const text = await readFile(lockFile(runDir), "utf8").catch(() => "");
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
