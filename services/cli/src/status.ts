import { type StackConfig, stackStatus } from "@connect-mesh/deploy";
import { NAME_COLUMN, type Output } from "./output.js";

/** `cmesh status`: one line per component; exits 0 only when everything is running and healthy. */
export async function status(config: StackConfig, output: Output): Promise<number> {
  const statuses = await stackStatus(config);
  if (!statuses) {
    output.result(
      `the stack is not running (nothing recorded in ${config.runDir}); start it with \`cmesh up\``,
    );
    return 1;
  }
  for (const { component, running, health } of statuses) {
    const state = !running ? "stopped" : health.healthy ? "healthy" : `unhealthy: ${health.reason}`;
    output.result(
      `${component.name.padEnd(NAME_COLUMN)} ${component.address.padEnd(24)} pid ${String(component.pid).padEnd(8)} ${state}`,
    );
  }
  return statuses.every((s) => s.running && s.health.healthy) ? 0 : 1;
}
