import { type StackConfig, upStack } from "@connect-mesh/deploy";
import { accessHintFor } from "./database-logins.js";
import { runDemo } from "./demo.js";
import { NAME_COLUMN, type Output } from "./output.js";

/** `cmesh up`: starts the stack, or says where the running one is; with `demo`, then runs the file example. */
export async function up(config: StackConfig, output: Output, demo: boolean): Promise<number> {
  const result = await upStack(config, output.progress);
  if (!result.started) {
    output.result(
      `the stack is already running (started ${result.state.startedAt} from ${result.state.startedFrom});`,
    );
    output.result("nothing new was started. `cmesh status` shows it and `cmesh down` stops it.");
  } else {
    output.result("the local stack is up:");
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
