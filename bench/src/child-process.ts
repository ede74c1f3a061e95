import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

/** A process the bench started, with its pid (for sampling) and its end. */
export interface StartedChild {
  readonly pid: number;
  /** Resolves when it exits, with its exit code and everything it printed on stdout. */
  readonly exited: Promise<{ readonly exitCode: number; readonly stdout: string }>;
  /** Asks it to stop (SIGTERM, by its pid) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts a program with stdout and stderr appended to `logFile`; stdout is also kept for the caller to
 * parse. Resolves once it runs. It stays in our process group, so an interrupted bench takes it along.
 */
export function startChild(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly logFile: string; readonly env?: NodeJS.ProcessEnv },
): Promise<StartedChild> {
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    log.write(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => log.write(chunk));
  const exited = new Promise<{ exitCode: number; stdout: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      log.end();
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout });
    });
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => {
      const pid = child.pid;
      if (pid === undefined) {
        reject(new Error(`${command} started without a pid`));
        return;
      }
      resolve({
        pid,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGTERM");
          await exited;
        },
      });
    });
  });
}
