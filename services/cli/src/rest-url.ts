import { type StackConfig, stackConfigFromEnv } from "@connect-mesh/deploy";
import { CommandError } from "./command-error.js";

/** Where a connector command finds the REST API, as given on its command line. */
export interface RestTarget {
  /** `--url`. */
  readonly url?: string;
  /** Stack flags given with the command; only `--rest-port` matters here. */
  readonly overrides: Partial<StackConfig>;
}

/**
 * The REST API's base URL, without a trailing slash, the one place the connector commands read the
 * environment. The first that is set wins: `--url`; `--rest-port` (as http://127.0.0.1:<port>);
 * CONNECT_MESH_REST_URL; the stack's REST port (CONNECT_MESH_REST_PORT, default 8083) on 127.0.0.1, which
 * is where `cmesh up` serves it. Flags beat the environment, so `--rest-port` wins over the variable.
 */
export function restUrlFrom(env: NodeJS.ProcessEnv, target: RestTarget): string {
  if (target.url !== undefined) return checkedUrl(target.url, "--url");
  const fromEnv = env.CONNECT_MESH_REST_URL;
  if (target.overrides.restPort === undefined && fromEnv !== undefined && fromEnv !== "") {
    return checkedUrl(fromEnv, "CONNECT_MESH_REST_URL");
  }
  return `http://127.0.0.1:${stackConfigFromEnv(env, target.overrides).restPort}`;
}

function checkedUrl(text: string, source: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new CommandError(`${source} must be an http(s) URL such as http://127.0.0.1:8083, not "${text}"`);
  }
  // A path is kept (a proxy may serve the API under a prefix); only the trailing slash goes, since every
  // request path starts with one.
  return text.replace(/\/+$/, "");
}
