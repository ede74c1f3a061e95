import { waitFor } from "@connect-mesh/async";
import type { RunningComponent } from "./component.js";
import { checkHealth } from "./health.js";
import { tailOf } from "./processes.js";
import { StackError } from "./stack-error.js";

/** Waits until a just-launched component is healthy; if it never gets there, says so with its log's tail. */
export async function awaitReady(component: RunningComponent, timeoutMs: number): Promise<void> {
  try {
    await waitFor(
      () => checkHealth(component.probe),
      (health) => health.healthy,
      {
        timeoutMs,
        description: `${component.name} on ${component.address} to become ready`,
      },
    );
  } catch (error) {
    throw new StackError(
      `${component.name} did not become ready on ${component.address}; see ${component.logFile}`,
      {
        detail: await tailOf(component.logFile),
        cause: error,
      },
    );
  }
}
