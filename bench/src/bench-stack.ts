import { chmod, mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  downStack,
  findFreePort,
  type OptionalComponent,
  type Progress,
  readStackState,
  type StackConfig,
  type StackState,
  stackConfigFromEnv,
  startComponents,
  stopComponent,
  upStack,
  workerComponents,
} from "@connect-mesh/deploy";

/** The stack the bench runs on: the one broker for every row, and the mesh for rows D, E and F. */
export interface BenchStack {
  readonly config: StackConfig;
  readonly bootstrap: string;
  readonly restUrl: string;
  /** The pid of a component by its name in the stack ("kafka", "worker", "connector-file", ...), now. */
  pidOf(component: string): number;
  /** The stack's workers: component names ("worker", "worker-2", ...) and worker ids ("worker-1", ...). */
  readonly workers: readonly { readonly name: string; readonly workerId: string }[];
  /** Each worker's process now, labelled by its worker id: the tables show each worker on a line. */
  workerProcesses(): { readonly label: string; readonly pid: number }[];
  /**
   * Every process a component ran as, in order, with what it ran for: the one the stack started with, then
   * one per restart. Each leaves its own CPU profile with `--cpu-prof`.
   */
  processesOf(component: string): readonly ServiceProcess[];
  /**
   * Restarts the workers and the file service exporting spans to `otlpEndpoint`, or with no endpoint
   * (tracing off, as the stack starts), for `purpose` (a run's id). Connectors should be gone first: their
   * tasks stop with the worker.
   */
  restartRecordServices(otlpEndpoint: string | undefined, purpose: string): Promise<void>;
}

/** The purpose of the process each component started with, before any restart. */
export const STACK_START = "stack";

/** One process of a component, and what it ran for. */
export interface ServiceProcess {
  readonly pid: number;
  /** STACK_START for the process the stack started with, else the purpose of the restart that started it. */
  readonly purpose: string;
}

/**
 * Starts the whole local stack on free ports in `runDir`, as the integration tests do, with the mesh's
 * services from their built dist/ (what a user runs). With `cpuProfileDir`, the Node services are started
 * with --cpu-prof and write a profile there when they stop. `withComponents` start too: MariaDB and
 * PostgreSQL for row E, Elasticsearch for row F; the stack spends nothing on those the run leaves out.
 */
export async function startBenchStack(
  runDir: string,
  progress: Progress,
  cpuProfileDir?: string,
  withComponents: readonly OptionalComponent[] = [],
): Promise<BenchStack> {
  const baseDir = join(runDir, "files");
  await mkdir(baseDir, { recursive: true });
  if (withComponents.length > 0) {
    // Run as root, the stack starts MariaDB, PostgreSQL and Elasticsearch as their own system users, which
    // must pass through the scratch directory (mkdtemp makes it 0700) to reach the run directory; passing,
    // not listing.
    const scratch = dirname(runDir);
    await chmod(scratch, ((await stat(scratch)).mode & 0o777) | 0o001);
  }
  const config = stackConfigFromEnv(process.env, {
    runDir,
    baseDir,
    runFromSource: false,
    kafkaPort: await findFreePort(),
    kafkaControllerPort: await findFreePort(),
    etcdPort: await findFreePort(),
    etcdPeerPort: await findFreePort(),
    restPort: await findFreePort(),
    withComponents,
    mariadbPort: await findFreePort(),
    postgresPort: await findFreePort(),
    elasticsearchPort: await findFreePort(),
    nodeFlags: cpuProfileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`],
    // A service that dies must fail the run, not come back unseen under a pid the bench does not measure.
    restartCrashed: false,
  });
  const result = await upStack(config, progress);
  if (!result.fresh) throw new Error(`a stack already runs from ${runDir}`);
  let state = result.state;
  const workers = workerComponents(config.workers);
  // The services that handle records, so the ones whose tracing is measured; restarted in this order.
  const recordServices = [...workers.map((worker) => worker.name), "connector-file"];
  const processes = new Map<string, ServiceProcess[]>(
    state.components.map((component) => [component.name, [{ pid: component.pid, purpose: STACK_START }]]),
  );
  return {
    config,
    bootstrap: `127.0.0.1:${config.kafkaPort}`,
    restUrl: `http://127.0.0.1:${config.restPort}`,
    pidOf: (component) => pidIn(state, component),
    workers,
    workerProcesses: () =>
      workers.map(({ name, workerId }) => ({ label: workerId, pid: pidIn(state, name) })),
    processesOf: (component) => processes.get(component) ?? [],
    restartRecordServices: async (otlpEndpoint, purpose) => {
      // The workers stop first so that they do not reconnect to a file service that is about to go.
      for (const name of recordServices) await stopComponent(runDir, name, "graceful");
      for (const name of [...recordServices].reverse())
        await startComponents(runDir, [name], {
          readyTimeoutMs: config.readyTimeoutMs,
          changes: { otlpEndpoint },
        });
      const restarted = await readStackState(runDir);
      if (restarted === undefined) throw new Error(`the stack's record in ${runDir} is gone`);
      state = restarted;
      for (const name of recordServices) processes.get(name)?.push({ pid: pidIn(state, name), purpose });
    },
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
