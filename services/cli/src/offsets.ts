import { bodyMessageOf, type OffsetsBody, readOffsets } from "./connect-bodies.js";
import { connectorPath } from "./connector-path.js";
import type { Output } from "./output.js";
import type { RestClient } from "./rest-client.js";
import { formatTable } from "./table.js";

/** `cmesh offsets get <name>`: GET /connectors/{name}/offsets, as a table. */
export async function getOffsets(client: RestClient, name: string, output: Output): Promise<number> {
  const path = connectorPath(name, "/offsets");
  const { body } = await client.call("GET", path);
  for (const line of formatOffsets(name, readOffsets(body, `GET ${client.baseUrl}${path}`))) {
    output.result(line);
  }
  return 0;
}

/**
 * `cmesh offsets reset <name>`: DELETE /connectors/{name}/offsets. Connect refuses (400) unless the
 * connector is STOPPED; its message says so, and main prints it.
 */
export async function resetOffsets(client: RestClient, name: string, output: Output): Promise<number> {
  const { body } = await client.call("DELETE", connectorPath(name, "/offsets"));
  output.result(bodyMessageOf(body) ?? `reset the offsets of connector ${name}`);
  return 0;
}

/**
 * Offsets as a PARTITION / OFFSET table, each a list of `key=value` (a source's keys are the connector's
 * own, such as FileStream's `filename` and `position`; a sink's are `kafka_topic`, `kafka_partition` and
 * `kafka_offset`).
 */
export function formatOffsets(name: string, body: OffsetsBody): string[] {
  if (body.offsets.length === 0) return [`connector ${name} has no committed offsets`];
  return formatTable([
    ["PARTITION", "OFFSET"],
    ...body.offsets.map(({ partition, offset }) => [
      keyValues(partition),
      offset === null ? "(reset)" : keyValues(offset),
    ]),
  ]);
}

function keyValues(record: Readonly<Record<string, unknown>>): string {
  const pairs = Object.entries(record).map(([key, value]) => `${key}=${valueText(value)}`);
  return pairs.length === 0 ? "{}" : pairs.join(", ");
}

/** A value as typed: plain words stay bare, anything that could blur the `k=v, k=v` list is JSON-quoted. */
function valueText(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string" && /^[^\s,="]+$/.test(value)) return value;
  return JSON.stringify(value) ?? String(value);
}
