import { MeshError } from "@connect-mesh/errors";
import { type ChannelOptions, type Client, credentials } from "@grpc/grpc-js";

/** How long a task waits for a connector service's channel to be ready before calling it unavailable. */
const READY_TIMEOUT_MS = 5_000;

/**
 * Each task gets its own channel (no shared subchannel pool), so one task's dead connection cannot hold
 * back another's new one, and keep-alive pings find a connection whose peer vanished without a FIN.
 */
const CHANNEL_OPTIONS: ChannelOptions = {
  "grpc.use_local_subchannel_pool": 1,
  "grpc.keepalive_time_ms": 10_000,
  "grpc.keepalive_timeout_ms": 5_000,
  "grpc.keepalive_permit_without_calls": 1,
};

/**
 * A client for a connector service whose channel is connected. Opening a stream on a channel that is
 * still trying to reach a dead address can wait indefinitely, so the task waits for readiness first, with
 * a deadline, and reports a retriable error if the service does not answer.
 */
export async function connectClient<T extends Client>(
  make: new (
    address: string,
    creds: ReturnType<typeof credentials.createInsecure>,
    options: ChannelOptions,
  ) => T,
  address: string,
): Promise<T> {
  const client = new make(address, credentials.createInsecure(), CHANNEL_OPTIONS);
  try {
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(Date.now() + READY_TIMEOUT_MS, (error) => (error ? reject(error) : resolve())),
    );
    return client;
  } catch (error) {
    client.close();
    throw new ServiceUnreachableError(address, error);
  }
}

/** A connector service's address did not accept a connection in time. Retriable. */
export class ServiceUnreachableError extends MeshError {
  constructor(
    readonly address: string,
    cause: unknown,
  ) {
    super(`the connector service at ${address} did not accept a connection within ${READY_TIMEOUT_MS} ms`, {
      retriable: true,
      cause,
    });
  }
}
