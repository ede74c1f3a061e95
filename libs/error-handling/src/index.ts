/**
 * Kafka Connect's `errors.*` connector keys (errors.tolerance, errors.retry.*, errors.log.*,
 * errors.deadletterqueue.*): one place for their defaults, parsing and validation, so the coordinator
 * refuses exactly what the worker could not run. Also the names of the dead-letter record's headers and of
 * the replay topic, shared by the worker and cmesh.
 */

export { ERROR_HEADER_PREFIX, ErrorHeaders } from "./dead-letter-headers.js";
export {
  type ReplayedPosition,
  ReplayHeaders,
  replayedPositionOf,
  replayTopicOf,
} from "./dead-letter-replay.js";

export {
  ERROR_CONFIG_KEYS,
  type ErrorConfigIssue,
  type ErrorConfigKeyDefinition,
  type ErrorHandlingConfig,
  ErrorHandlingConfigError,
  type ErrorTolerance,
  errorHandlingConfigFrom,
  validateErrorHandlingConfig,
} from "./error-handling-config.js";
