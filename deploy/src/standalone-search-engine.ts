import { mkdir } from "node:fs/promises";
import { findFreePort } from "./ports.js";
import { stopProcessGroup } from "./processes.js";
import { type Progress, silent } from "./progress.js";
import { awaitReady } from "./readiness.js";
import { launchSearchEngine } from "./search-engine.js";
import { installSearchEngine } from "./search-engine-install.js";
import type { SearchEngine } from "./search-engines.js";

/** Elasticsearch or OpenSearch started on its own, outside a stack. */
export interface StandaloneSearchEngine {
  /** Its REST API, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops it and waits until its process is gone; its data stays in the run directory. */
  stop(): Promise<void>;
}

/**
 * Fetches the search engine if the cache lacks it, and starts it on free ports with its files in
 * `<runDir>/<engine>`, ready (cluster health green or yellow): what a test needs to index and search for real.
 */
export async function startStandaloneSearchEngine(options: {
  readonly engine: SearchEngine;
  readonly cacheDir: string;
  readonly runDir: string;
  readonly progress?: Progress;
  readonly readyTimeoutMs?: number;
}): Promise<StandaloneSearchEngine> {
  const install = await installSearchEngine(options.engine, options.cacheDir, options.progress ?? silent);
  await mkdir(options.runDir, { recursive: true });
  const component = await launchSearchEngine(install, options.runDir, {
    httpPort: await findFreePort(),
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
