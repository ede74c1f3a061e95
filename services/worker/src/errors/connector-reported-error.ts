import { MeshError } from "@connect-mesh/errors";
import type { ConnectorError } from "@connect-mesh/proto";

/**
 * An error a connector service reported for a record (a WriteError with `record_index`), kept in the
 * connector's own terms: its class name in its language (`errorClass`, for Connect's
 * `__connect.errors.exception.class.name`) and its stack trace.
 */
export class ConnectorReportedError extends MeshError {
  readonly errorClass: string;

  constructor(error: ConnectorError) {
    super(error.message || "the connector gave no reason", { retriable: false });
    this.errorClass = error.errorClass;
    if (error.stackTrace !== "") this.stack = error.stackTrace;
  }
}
