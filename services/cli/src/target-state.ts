import { connectorPath } from "./connector-path.js";
import type { Output } from "./output.js";
import type { RestClient } from "./rest-client.js";

/** The target states a person can ask for, by the word of the command. */
export type TargetStateAction = "pause" | "resume" | "stop";

// The workers act on a target state asynchronously (Connect answers pause and resume with 202), so each
// line says what was asked and how to see it happen, not that it has happened.
const DONE: Record<TargetStateAction, (name: string) => string> = {
  pause: (name) =>
    `asked connector ${name} to pause: its tasks pause shortly and keep their assignment (\`cmesh status ${name}\` shows when)`,
  resume: (name) =>
    `asked connector ${name} to resume: its tasks run again shortly (\`cmesh status ${name}\` shows when)`,
  stop: (name) =>
    `asked connector ${name} to stop: its tasks shut down and are freed; once stopped, its offsets can be ` +
    `changed (\`cmesh offsets reset ${name}\`), and \`cmesh resume ${name}\` starts it again`,
};

/** `cmesh pause|resume|stop <name>`: PUT /connectors/{name}/{action}. */
export async function changeTargetState(
  client: RestClient,
  action: TargetStateAction,
  name: string,
  output: Output,
): Promise<number> {
  await client.call("PUT", connectorPath(name, `/${action}`));
  output.result(DONE[action](name));
  return 0;
}
