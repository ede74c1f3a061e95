import { type StackConfig, stackStatus } from "@connect-mesh/deploy";
import { NAME_COLUMN, type Output } from "./output.js";

/**
 * `cmesh status`: one line per component, with how many times the supervisor started it again after it
 * died; exits 0 only when everything is running and healthy.
 */
export async function status(config: StackConfig, output: Output): Promise<number> {
  const statuses = await stackStatus(config);
  if (!statuses) {
    output.result(
      `the stack is not running (nothing recorded in ${config.runDir}); start it with \`cmesh up\``,
    );
    return 1;
  }
  for (const { component, running, health } of statuses) {
    const stopped = component.stoppedOnPurpose ? "stopped (cmesh stop; cmesh up starts it)" : "stopped";
    const state = !running ? stopped : health.healthy ? "healthy" : `unhealthy: ${health.reason}`;
    const restarts = `restarts ${component.restarts ?? 0}`;
    output.result(
      `${component.name.padEnd(NAME_COLUMN)} ${component.address.padEnd(24)} pid ${String(component.pid).padEnd(8)} ${restarts.padEnd(11)} ${state}`,
    );
  }
  return statuses.every((s) => s.running && s.health.healthy) ? 0 : 1;
}
