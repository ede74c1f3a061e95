import { MeshError } from "@connect-mesh/errors";

/**
 * No instance of the connector service hosting `plugin` is registered, or none that is registered answered.
 * Retriable: a service may be starting or restarting.
 */
export class ConnectorUnavailableError extends MeshError {
  constructor(
    readonly plugin: string,
    cause?: unknown,
  ) {
    super(
      `no healthy service for "${plugin}" answered or is registered; start one or check its health (cmesh status)`,
      {
        retriable: true,
        cause,
      },
    );
  }
}
