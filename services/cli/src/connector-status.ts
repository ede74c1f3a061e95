import { readConnectorStatus } from "./connect-bodies.js";
import { connectorPath } from "./connector-path.js";
import type { Output } from "./output.js";
import type { RestClient } from "./rest-client.js";
import { formatConnectorStatus, hasFailed } from "./status-table.js";

/**
 * `cmesh status <name>`: the connector's and its tasks' states, with the trace of what FAILED. Exits 1 if
 * anything FAILED, as `cmesh status` does for an unhealthy stack, so scripts can check it.
 */
export async function showConnectorStatus(client: RestClient, name: string, output: Output): Promise<number> {
  const path = connectorPath(name, "/status");
  const { body } = await client.call("GET", path);
  const status = readConnectorStatus(body, `GET ${client.baseUrl}${path}`);
  for (const line of formatConnectorStatus(status)) output.result(line);
  return hasFailed(status) ? 1 : 0;
}
