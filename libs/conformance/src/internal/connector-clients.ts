import { ConnectorServiceClient, SinkServiceClient, SourceServiceClient } from "@connect-mesh/proto";
import { Client, credentials } from "@grpc/grpc-js";

/** The clients a run talks to one connector service through. */
export interface ConnectorClients {
  readonly connector: ConnectorServiceClient;
  readonly source: SourceServiceClient;
  readonly sink: SinkServiceClient;
  /** A bare client for grpc.health.v1.Health, whose methods come from grpc-health-check's definition. */
  readonly health: Client;
  /** Closes every client. */
  close(): void;
}

/** Opens plaintext clients to `address` ("host:port"); connector services in the mesh speak plaintext gRPC. */
export function openConnectorClients(address: string): ConnectorClients {
  const insecure = credentials.createInsecure();
  const clients = {
    connector: new ConnectorServiceClient(address, insecure),
    source: new SourceServiceClient(address, insecure),
    sink: new SinkServiceClient(address, insecure),
    health: new Client(address, insecure),
  };
  return {
    ...clients,
    close: () => {
      for (const client of Object.values(clients)) client.close();
    },
  };
}
