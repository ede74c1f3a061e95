import { ConnectorServiceClient, type DescribeResponse } from "@connect-mesh/proto";
import type { Logger } from "@connect-mesh/telemetry";
import { Metadata } from "@grpc/grpc-js";
import { connectClient } from "./connect-client.js";

/** How long the worker waits for a Describe before taking the per-record form. */
const DESCRIBE_TIMEOUT_MS = 5_000;

/**
 * Whether the connector service at `address` reads packed batches for plugin `className`
 * (Plugin.reads_packed_batches). It asks that very instance, since instances of one service may run
 * different versions. A Describe that fails counts as no: the per-record form is the one every service
 * reads, and the Write stream that follows reports a service that is really down.
 */
export async function readsPackedBatches(
  address: string,
  className: string,
  logger: Logger,
): Promise<boolean> {
  let client: ConnectorServiceClient | undefined;
  try {
    client = await connectClient(ConnectorServiceClient, address);
    const description = await describe(client);
    return description.plugins.some((plugin) => plugin.className === className && plugin.readsPackedBatches);
  } catch (error) {
    // Warned, not debugged: the task then moves every record the slow way until it restarts.
    logger.warn(
      { err: error, address, plugin: className },
      "could not ask the connector service whether it reads packed batches; sending this task's records one by one",
    );
    return false;
  } finally {
    client?.close();
  }
}

function describe(client: ConnectorServiceClient): Promise<DescribeResponse> {
  return new Promise((resolve, reject) =>
    client.describe({}, new Metadata(), { deadline: Date.now() + DESCRIBE_TIMEOUT_MS }, (error, response) =>
      error ? reject(error) : resolve(response),
    ),
  );
}
