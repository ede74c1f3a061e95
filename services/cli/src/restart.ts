import { isRecord, readConnectorStatus } from "./connect-bodies.js";
import { connectorPath } from "./connector-path.js";
import type { Output } from "./output.js";
import type { RestAnswer, RestClient } from "./rest-client.js";
import { formatConnectorStatus } from "./status-table.js";

/** What `cmesh restart` restarts, as Connect's query parameters name it. */
export interface RestartRequest {
  readonly connector: string;
  /** Restart the tasks as well as the connector. */
  readonly includeTasks: boolean;
  /** Restart only the instances that have FAILED. */
  readonly onlyFailed: boolean;
}

/** `cmesh restart <name> [--include-tasks] [--only-failed]`: POST /connectors/{name}/restart. */
export async function restartConnector(
  client: RestClient,
  request: RestartRequest,
  output: Output,
): Promise<number> {
  const query = new URLSearchParams({
    includeTasks: String(request.includeTasks),
    onlyFailed: String(request.onlyFailed),
  });
  const path = connectorPath(request.connector, `/restart?${query}`);
  const answer = await client.call("POST", path);
  for (const line of formatRestart(request, answer, `POST ${client.baseUrl}${path}`)) output.result(line);
  return 0;
}

/**
 * What a restart did, from Connect's answer: 204 when only the connector was restarted, or 202 with the
 * connector's status, in which what is being restarted shows as RESTARTING.
 */
export function formatRestart(request: RestartRequest, answer: RestAnswer, requestLine: string): string[] {
  if (answer.status === 202 && isRecord(answer.body)) {
    return [
      `restarting connector ${request.connector}; what restarts shows as RESTARTING:`,
      ...formatConnectorStatus(readConnectorStatus(answer.body, requestLine)),
    ];
  }
  return [
    request.includeTasks
      ? `restarted connector ${request.connector} and its tasks`
      : `restarted connector ${request.connector} (not its tasks; --include-tasks restarts them too)`,
  ];
}
