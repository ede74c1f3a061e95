import { ConnectorError } from "@connect-mesh/proto";
import { Metadata, status } from "@grpc/grpc-js";
import { ConfigError, type PluginError, toPluginError } from "../errors.js";
import type { CallStatus } from "./call-channel.js";
import { toConnectorError } from "./connector-error.js";
import { ProtocolError, UnknownPluginError } from "./protocol-errors.js";

/**
 * Trailing metadata key that carries the full ConnectorError (kind, class, stack) of a call that failed
 * with a status rather than an in-stream error, so the worker can still tell retriable from fatal.
 */
export const CONNECTOR_ERROR_METADATA_KEY = "connectmesh-error-bin";

/**
 * Maps an error to the gRPC status a call ends with; the only place the SDK does so. Unknown plugins are
 * NOT_FOUND, bad configs and broken stream rules INVALID_ARGUMENT, other retriable errors UNAVAILABLE and
 * other fatal ones FAILED_PRECONDITION.
 */
export function toCallStatus(error: unknown): CallStatus {
  const normalized = toPluginError(error);
  const metadata = new Metadata();
  metadata.set(
    CONNECTOR_ERROR_METADATA_KEY,
    Buffer.from(ConnectorError.encode(toConnectorError(error)).finish()),
  );
  return { code: codeOf(normalized), details: normalized.message, metadata };
}

function codeOf(error: PluginError): status {
  if (error instanceof UnknownPluginError) return status.NOT_FOUND;
  if (error instanceof ConfigError || error instanceof ProtocolError) return status.INVALID_ARGUMENT;
  return error.retriable ? status.UNAVAILABLE : status.FAILED_PRECONDITION;
}
