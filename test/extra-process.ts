import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Starts one more instance of a mesh service (`services/<name>/src/main.ts`) beside the test stack's own,
 * from its sources, against the stack's etcd and Kafka. Its output goes to `logFile` when given, else
 * nowhere.
 */
export function startExtraInstance(
  service: "coordinator" | "worker",
  env: Record<string, string>,
  logFile?: string,
): ChildProcess {
  const main = resolve(import.meta.dirname, `../services/${service}/src/main.ts`);
  const output = logFile === undefined ? "ignore" : openSync(logFile, "a");
  return spawn(process.execPath, ["--conditions=@connect-mesh/source", "--import", "tsx", main], {
    env: { ...process.env, ...env },
    stdio: ["ignore", output, output],
  });
}

/** Stops an instance started by `startExtraInstance` with `signal`, and resolves once it has exited. */
export function stopExtraInstance(child: ChildProcess, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill(signal);
  return exited;
}
