import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  downStack,
  findFreePort,
  type Progress,
  type StackConfig,
  type StackState,
  stackConfigFromEnv,
  upStack,
} from "@connect-mesh/deploy";

/** The stack the bench runs on: the one broker for every row, and the mesh for row D. */
export interface BenchStack {
  readonly config: StackConfig;
  readonly bootstrap: string;
  readonly restUrl: string;
  /** The pid of a component by its name in the stack ("kafka", "worker", "connector-file", ...). */
  pidOf(component: string): number;
}

/**
 * Starts the whole local stack on free ports in `runDir`, as the integration tests do, with the mesh's
 * services from their built dist/ (what a user runs). With `cpuProfileDir`, the Node services are started
 * with --cpu-prof and write a profile there when they stop.
 */
export async function startBenchStack(
  runDir: string,
  progress: Progress,
  cpuProfileDir?: string,
): Promise<BenchStack> {
  const baseDir = join(runDir, "files");
  await mkdir(baseDir, { recursive: true });
  const config = stackConfigFromEnv(process.env, {
    runDir,
    baseDir,
    runFromSource: false,
    kafkaPort: await findFreePort(),
    kafkaControllerPort: await findFreePort(),
    etcdPort: await findFreePort(),
    etcdPeerPort: await findFreePort(),
    restPort: await findFreePort(),
    nodeFlags: cpuProfileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`],
  });
  const result = await upStack(config, progress);
  if (!result.started) throw new Error(`a stack already runs from ${runDir}`);
  return {
    config,
    bootstrap: `127.0.0.1:${config.kafkaPort}`,
    restUrl: `http://127.0.0.1:${config.restPort}`,
    pidOf: (component) => pidIn(result.state, component),
  };
}

export async function stopBenchStack(stack: BenchStack): Promise<void> {
  await downStack(stack.config);
}

function pidIn(state: StackState, component: string): number {
  const found = state.components.find((c) => c.name === component);
  if (found === undefined) throw new Error(`the stack has no component named ${component}`);
  return found.pid;
}
