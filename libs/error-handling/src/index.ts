/**
 * Kafka Connect's `errors.*` connector keys (errors.tolerance, errors.retry.*, errors.log.*,
 * errors.deadletterqueue.*): one place for their defaults, parsing and validation, so the coordinator
 * refuses exactly what the worker could not run.
 */

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
