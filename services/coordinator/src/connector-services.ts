import { ConnectorUnavailableError } from "@connect-mesh/coordination";
import {
  ConnectorServiceClient,
  type DescribeResponse,
  type PlanResponse,
  type ValidateResponse,
} from "@connect-mesh/proto";
import { credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";

/** How long a Validate or Plan call may take before another instance is tried. */
const CALL_TIMEOUT_MS = 15_000;

/**
 * Calls connector services' ConnectorService, trying each live instance of a plugin in turn until one
 * answers. Clients are kept per address so that calls reuse connections.
 */
export class ConnectorServices {
  private readonly clients = new Map<string, ConnectorServiceClient>();

  /** The plugins a service hosts, with their config definitions, from the first instance that answers. */
  describe(plugin: string, addresses: readonly string[]): Promise<DescribeResponse> {
    return this.firstAnswer(plugin, addresses, (client, deadline, done) =>
      client.describe({}, new Metadata(), { deadline }, done),
    );
  }

  /** Validates a config with the first instance that answers. */
  validate(
    plugin: string,
    addresses: readonly string[],
    config: Record<string, string>,
  ): Promise<ValidateResponse> {
    return this.firstAnswer(plugin, addresses, (client, deadline, done) =>
      client.validate({ plugin, config }, new Metadata(), { deadline }, done),
    );
  }

  /** Plans a connector's tasks with the first instance that answers. */
  plan(
    plugin: string,
    addresses: readonly string[],
    request: { connectorName: string; config: Record<string, string>; maxTasks: number },
  ): Promise<PlanResponse> {
    return this.firstAnswer(plugin, addresses, (client, deadline, done) =>
      client.plan({ plugin, ...request }, new Metadata(), { deadline }, done),
    );
  }

  /** Closes every client. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private async firstAnswer<T>(
    plugin: string,
    addresses: readonly string[],
    call: (
      client: ConnectorServiceClient,
      deadline: Date,
      done: (error: ServiceError | null, response: T) => void,
    ) => void,
  ): Promise<T> {
    let lastError: unknown;
    for (const address of addresses) {
      try {
        return await new Promise<T>((resolve, reject) =>
          call(this.clientFor(address), new Date(Date.now() + CALL_TIMEOUT_MS), (error, response) =>
            error ? reject(error) : resolve(response),
          ),
        );
      } catch (error) {
        // Only "cannot reach it" moves on to the next instance; an answer that is an error is the answer.
        if (!isUnreachable(error)) throw error;
        lastError = error;
      }
    }
    throw new ConnectorUnavailableError(plugin, lastError);
  }

  private clientFor(address: string): ConnectorServiceClient {
    let client = this.clients.get(address);
    if (!client) {
      client = new ConnectorServiceClient(address, credentials.createInsecure());
      this.clients.set(address, client);
    }
    return client;
  }
}

function isUnreachable(error: unknown): boolean {
  const code = (error as Partial<ServiceError>).code;
  return code === status.UNAVAILABLE || code === status.DEADLINE_EXCEEDED || code === status.CANCELLED;
}
