/** The prefix of Kafka Connect's error context headers. */
export const ERROR_HEADER_PREFIX = "__connect.errors.";

/**
 * Connect's context headers on a dead-letter record, plus ours for what Connect has no name for. Shared by
 * the worker, which writes them, and cmesh, which reads them (`dlq list`, `trace --dlq`) and strips them
 * from what it replays.
 */
export const ErrorHeaders = {
  topic: `${ERROR_HEADER_PREFIX}topic`,
  partition: `${ERROR_HEADER_PREFIX}partition`,
  offset: `${ERROR_HEADER_PREFIX}offset`,
  connectorName: `${ERROR_HEADER_PREFIX}connector.name`,
  taskId: `${ERROR_HEADER_PREFIX}task.id`,
  stage: `${ERROR_HEADER_PREFIX}stage`,
  className: `${ERROR_HEADER_PREFIX}class.name`,
  exceptionClassName: `${ERROR_HEADER_PREFIX}exception.class.name`,
  exceptionMessage: `${ERROR_HEADER_PREFIX}exception.message`,
  exceptionStacktrace: `${ERROR_HEADER_PREFIX}exception.stacktrace`,
  /** connect-mesh: the W3C trace id of the failed record's trace. */
  traceId: `${ERROR_HEADER_PREFIX}trace.id`,
  /** connect-mesh, source side: the connector's source partition and offset, as JSON. */
  sourcePartition: `${ERROR_HEADER_PREFIX}source.partition`,
  sourceOffset: `${ERROR_HEADER_PREFIX}source.offset`,
} as const;
