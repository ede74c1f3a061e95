import { downStack, type StackConfig } from "@connect-mesh/deploy";
import type { Output } from "./output.js";

/** `cmesh down`: stops exactly what `cmesh up` started from this run directory. */
export async function down(config: StackConfig, output: Output): Promise<number> {
  const stopped = await downStack(config);
  if (stopped.length === 0) {
    output.result(`nothing to stop: no stack was started with the run directory ${config.runDir}`);
  } else {
    output.result(`stopped ${stopped.map((c) => `${c.name} (pid ${c.pid})`).join(", ")}`);
  }
  return 0;
}
