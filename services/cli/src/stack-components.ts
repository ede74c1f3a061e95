import {
  readStackState,
  type StackConfig,
  StackError,
  stackConfigFromEnv,
  startComponents,
  stopComponent,
} from "@connect-mesh/deploy";
import type { Output } from "./output.js";
import type { RestTarget } from "./rest-url.js";

/**
 * The local stack's config when `cmesh restart <name>` or `cmesh stop <name>` means one of its components
 * rather than a connector: the name is a component recorded in the run directory, and no flag speaks of
 * a connector (`withConnectorFlags`: --include-tasks, --only-failed; or --url). Otherwise undefined, and
 * the command goes to the REST API.
 */
export async function stackComponentTarget(
  name: string,
  rest: RestTarget,
  withConnectorFlags: boolean,
  env: NodeJS.ProcessEnv,
): Promise<StackConfig | undefined> {
  if (withConnectorFlags || rest.url !== undefined) return undefined;
  const config = stackConfigFromEnv(env, rest.overrides);
  const state = await readStackState(config.runDir);
  return state?.components.some((c) => c.name === name) ? config : undefined;
}

/** `cmesh stop <component>`: stops it gracefully; the supervisor leaves it stopped until `cmesh up`. */
export async function stopStackComponent(config: StackConfig, name: string, output: Output): Promise<number> {
  await stopComponent(config.runDir, name, "graceful");
  output.result(`stopped ${name}; \`cmesh up\` or \`cmesh restart ${name}\` starts it again`);
  return 0;
}

/** `cmesh restart <component>`: stops it gracefully, starts it again as it was first started, waits until it is ready. */
export async function restartStackComponent(
  config: StackConfig,
  name: string,
  output: Output,
): Promise<number> {
  await stopComponent(config.runDir, name, "graceful");
  const [started] = await startComponents(config.runDir, [name], {
    progress: output.progress,
    readyTimeoutMs: config.readyTimeoutMs,
  });
  if (started === undefined) throw new StackError(`${name} was running again before cmesh could start it`);
  output.result(`restarted ${name}: pid ${started.pid}, ready at ${started.address}`);
  return 0;
}
