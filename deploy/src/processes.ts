import { spawn } from "node:child_process";
import { appendFileSync, closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";

/** Where a command runs and where its output goes. */
export interface CommandOptions {
  readonly cwd: string;
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a command to its end with its output appended to `logFile`; resolves with its exit code. */
export function runToCompletion(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<number> {
  const log = openSync(options.logFile, "a");
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", log, log] });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => closeSync(log));
}

/**
 * Runs a command to its end and returns the last line it printed on stdout (a path, say), or undefined if
 * it failed; everything it printed also goes to `logFile`.
 */
export async function outputOf(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<string | undefined> {
  const log = openSync(options.logFile, "a");
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ["ignore", "pipe", log],
      });
      let stdout = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        appendFileSync(options.logFile, chunk);
      });
      child.once("error", reject);
      child.once("close", (code) => resolve(code === 0 ? stdout.trim().split("\n").pop() : undefined));
    });
  } finally {
    closeSync(log);
  }
}

/**
 * Starts a long-running process in its own process group, detached from ours so that it outlives the CLI,
 * with its output appended to `logFile`. Returns its pid.
 */
export function startDetached(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<number> {
  const log = openSync(options.logFile, "a");
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", log, log],
    });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      if (child.pid === undefined) reject(new Error(`${command} started without a pid`));
      else resolve(child.pid);
    });
  }).finally(() => closeSync(log));
}

/**
 * Whether `pid` is alive and is the process we started: its command line must contain `marker` (the run
 * directory), so a pid the OS has reused for something else is never taken for ours.
 */
export async function isOurProcess(pid: number, marker: string): Promise<boolean> {
  try {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return commandLine.includes(marker) && !(await isZombie(pid));
  } catch {
    // No /proc entry: the process is gone.
    return false;
  }
}

async function isZombie(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return /^State:\s+Z/m.test(status);
}

/**
 * Stops a process group we started: `signal` (SIGTERM unless the process wants another) for a clean
 * shutdown, then SIGKILL if it has not exited within `graceMs`. Resolves once the process is gone.
 */
export async function stopProcessGroup(
  pid: number,
  marker: string,
  graceMs: number,
  signal: NodeJS.Signals = "SIGTERM",
): Promise<void> {
  if (!(await isOurProcess(pid, marker))) return;
  signalGroup(pid, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!(await isOurProcess(pid, marker))) return;
    await delay(100);
  }
  signalGroup(pid, "SIGKILL");
  while (await isOurProcess(pid, marker)) await delay(50);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group ended between our check and the signal, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** The last `lines` lines of a log file, for error messages; empty if it cannot be read. */
export async function tailOf(file: string, lines = 20): Promise<string> {
  try {
    const text = await readFile(file, "utf8");
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
