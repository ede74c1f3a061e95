import { type StackConfig, upStack } from "@connect-mesh/deploy";
import type { Output } from "./output.js";

/** `cmesh up`: starts the stack, or says where the running one is. */
export async function up(config: StackConfig, output: Output): Promise<number> {
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
    output.result(`  ${component.name.padEnd(6)} ${component.address}`);
  }
  return 0;
}
