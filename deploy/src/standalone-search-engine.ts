import { mkdir } from "node:fs/promises";
import { findFreePort, isPortFree } from "./ports.js";
import { stopProcessGroup } from "./processes.js";
import { type Progress, silent } from "./progress.js";
import { awaitReady } from "./readiness.js";
import { launchSearchEngine } from "./search-engine.js";
import { installSearchEngine } from "./search-engine-install.js";
import type { SearchEngine } from "./search-engines.js";
import { StackError } from "./stack-error.js";

/** Elasticsearch or OpenSearch started on its own, outside a stack. */
export interface StandaloneSearchEngine {
  /** Its REST API, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops it and waits until its process is gone; its data stays in the run directory. */
  stop(): Promise<void>;
}

/**
 * Fetches the search engine if the cache lacks it, and starts it on free ports (the REST API on `httpPort`
 * when given) with its files in `<runDir>/<engine>`, ready (cluster health green or yellow): what a test
 * needs to index and search for real.
 */
export async function startStandaloneSearchEngine(options: {
  readonly engine: SearchEngine;
  readonly cacheDir: string;
  readonly runDir: string;
  /**
   * The REST API's port; a free one when absent. A test that stops the engine and starts it again with the
   * same `httpPort` and `runDir` gets it back at the same URL with its data kept, as a client sees a restart.
   * The port must be free by then: a taken one is refused at once, naming it.
   */
  readonly httpPort?: number;
  readonly progress?: Progress;
  readonly readyTimeoutMs?: number;
}): Promise<StandaloneSearchEngine> {
  const install = await installSearchEngine(options.engine, options.cacheDir, options.progress ?? silent);
  // The readiness probe only asks the port: if another engine (one not yet stopped) still held it, this
  // start would look healthy while its own process failed to bind.
  if (options.httpPort !== undefined && !(await isPortFree(options.httpPort))) {
    throw new StackError(
      `port ${options.httpPort} for ${install.spec.description}'s REST API is already in use on 127.0.0.1; stop what holds it (an engine not yet stopped?) or start on another port`,
    );
  }
  await mkdir(options.runDir, { recursive: true });
  const component = await launchSearchEngine(install, options.runDir, {
    httpPort: options.httpPort ?? (await findFreePort()),
    transportPort: await findFreePort(),
  });
  const stop = () => stopProcessGroup(component.pid, options.runDir, 30_000);
  try {
    await awaitReady(component, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: component.address, stop };
}
