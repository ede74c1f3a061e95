import { type StackConfig, upStack } from "@connect-mesh/deploy";
import { accessHintFor } from "./database-logins.js";
import { runDemo } from "./demo.js";
import { NAME_COLUMN, type Output } from "./output.js";

/**
 * `cmesh up`: starts the stack, or what is missing from the one that runs, or says where it runs; with
 * `demo`, then runs the file example.
 */
export async function up(config: StackConfig, output: Output, demo: boolean): Promise<number> {
  const result = await upStack(config, output.progress);
  const since = `started ${result.state.startedAt} from ${result.state.startedFrom}`;
  if (result.fresh) {
    output.result("the local stack is up:");
  } else if (result.started.length === 0) {
    output.result(`the stack is already running (${since});`);
    output.result("nothing new was started. `cmesh status` shows it and `cmesh down` stops it.");
  } else {
    const names = result.started.map((component) => component.name).join(", ");
    output.result(`the stack was running in part (${since});`);
    output.result(`started ${names} again, with the ports and config the stack was first given:`);
  }
  for (const component of result.state.components) {
    output.result(`  ${component.name.padEnd(NAME_COLUMN)} ${component.address}`);
  }
  for (const component of result.state.components) {
    const hint = accessHintFor(component);
    if (hint !== undefined) output.result(hint);
  }
  const tracing = result.state.tracing;
  if (tracing !== undefined) {
    output.result(
      `traces go to ${tracing.otlpEndpoint} (OTLP); find one at ${tracing.queryUrl}/api/traces/<trace-id>`,
    );
  }
  if (!demo) return 0;
  output.result("");
  return runDemo(`http://127.0.0.1:${config.restPort}`, result.state.startedFrom, output);
}
