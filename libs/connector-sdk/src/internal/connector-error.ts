import { type ConnectorError, ErrorKind } from "@connect-mesh/proto";
import { PluginError, toPluginError } from "../errors.js";

/**
 * The contract's ConnectorError for whatever a plugin threw: the kind from `retriable`, the record index,
 * and the class name and stack of the original error (not of the SDK's wrapper), for the task status and
 * Connect's __connect.errors.exception.class.name header.
 */
export function toConnectorError(error: unknown): ConnectorError {
  const normalized = toPluginError(error);
  // toPluginError wraps foreign errors; report the one the plugin actually threw.
  const original =
    normalized.constructor === PluginError && normalized.cause instanceof Error
      ? normalized.cause
      : normalized;
  return {
    kind: normalized.retriable ? ErrorKind.ERROR_KIND_RETRIABLE : ErrorKind.ERROR_KIND_FATAL,
    message: normalized.message,
    recordIndex: normalized.recordIndex,
    errorClass: original.name,
    stackTrace: original.stack ?? "",
    // Set by the sink session once the failed record's span is recorded.
    trace: undefined,
  };
}
