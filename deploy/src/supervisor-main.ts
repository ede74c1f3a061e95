import { superviseStack } from "./supervisor.js";

/**
 * The supervisor's process, started by `cmesh up` (supervisor-launch.ts). Its run directory comes as the
 * `--connect-mesh-run-dir=` marker every component of the stack carries on its command line.
 */
const MARKER = "--connect-mesh-run-dir=";
const runDir = process.argv.find((arg) => arg.startsWith(MARKER))?.slice(MARKER.length);
if (runDir === undefined) {
  process.stderr.write(`the supervisor needs ${MARKER}<run directory>\n`);
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const stopping = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => stopping.abort());
log(`supervising the mesh's services of the stack in ${runDir}`);
await superviseStack(runDir, stopping.signal, log);
