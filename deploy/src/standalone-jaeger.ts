import { mkdir } from "node:fs/promises";
import { launchJaeger, type TracingEndpoints, tracingEndpoints } from "./jaeger.js";
import { installJaeger } from "./jaeger-install.js";
import { findFreePort } from "./ports.js";
import { stopProcessGroup } from "./processes.js";
import { type Progress, silent } from "./progress.js";
import { awaitReady } from "./readiness.js";

/** A Jaeger started on its own, outside a stack. */
export interface StandaloneJaeger extends TracingEndpoints {
  /** Stops it; its traces, kept in memory, go with it. */
  stop(): Promise<void>;
}

/**
 * Builds Jaeger if the cache lacks it, and starts it on free ports with its files in `runDir`, ready to
 * take OTLP and answer queries: what a test needs to check that spans really arrive.
 */
export async function startStandaloneJaeger(options: {
  readonly cacheDir: string;
  readonly runDir: string;
  readonly progress?: Progress;
  readonly readyTimeoutMs?: number;
}): Promise<StandaloneJaeger> {
  const install = await installJaeger(options.cacheDir, options.progress ?? silent);
  await mkdir(options.runDir, { recursive: true });
  const endpoints = tracingEndpoints({
    otlpHttpPort: await findFreePort(),
    queryPort: await findFreePort(),
    queryGrpcPort: await findFreePort(),
  });
  const component = await launchJaeger(install, options.runDir, endpoints.ports);
  const stop = () => stopProcessGroup(component.pid, options.runDir, 10_000);
  try {
    await awaitReady(component, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...endpoints, stop };
}
