import { type ConnectorListBody, readConnectorList } from "./connect-bodies.js";
import type { Output } from "./output.js";
import type { RestClient } from "./rest-client.js";
import { formatTable } from "./table.js";

const PATH = "/connectors?expand=status&expand=info";

/** `cmesh connectors`: every connector with its type, its state and its tasks' states. */
export async function listConnectors(client: RestClient, output: Output): Promise<number> {
  const { body } = await client.call("GET", PATH);
  const list = readConnectorList(body, `GET ${client.baseUrl}${PATH}`);
  for (const line of formatConnectorList(list)) output.result(line);
  return 0;
}

/**
 * The connector list as a table sorted by name: NAME, TYPE, STATE (the connector's) and TASKS, each task
 * as `<id>:<state>`; "?" where the REST API did not say, "-" for a connector with no tasks.
 */
export function formatConnectorList(list: ConnectorListBody): string[] {
  const names = Object.keys(list).sort();
  if (names.length === 0) return ["no connectors"];
  const rows = names.map((name) => {
    const { status, info } = list[name] ?? {};
    const tasks = [...(status?.tasks ?? [])].sort((a, b) => a.id - b.id);
    return [
      name,
      info?.type ?? status?.type ?? "?",
      status?.connector.state ?? "?",
      status === undefined ? "?" : tasks.map((t) => `${t.id}:${t.state}`).join(" ") || "-",
    ];
  });
  return formatTable([["NAME", "TYPE", "STATE", "TASKS"], ...rows]);
}
