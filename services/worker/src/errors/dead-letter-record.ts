import type { IHeaders, Message } from "kafkajs";
import type { RecordFailure } from "./record-failure.js";

/** The prefix of Kafka Connect's error context headers. */
export const ERROR_HEADER_PREFIX = "__connect.errors.";

/** Connect's context headers, plus ours for what Connect has no name for. */
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

/** What the context headers say about who failed. */
export interface DeadLetterContext {
  readonly connector: string;
  readonly task: number;
  readonly includeContextHeaders: boolean;
  readonly traceId: string | undefined;
}

/**
 * The dead-letter copy of a failed record: its key, value and headers (the original bytes on the sink side,
 * as Connect's DeadLetterQueueReporter writes them), and with `includeContextHeaders` Connect's
 * `__connect.errors.*` headers on top, plus our trace id and, for a source record, its source position.
 * A `__connect.errors.*` header the record already carried (it failed before, and was replayed) is replaced.
 */
export function deadLetterMessage(failure: RecordFailure, context: DeadLetterContext): Message {
  const headers: IHeaders = {};
  for (const [key, value] of Object.entries(failure.content.headers)) {
    if (!key.startsWith(ERROR_HEADER_PREFIX) && value !== undefined) headers[key] = value;
  }
  if (context.includeContextHeaders) Object.assign(headers, contextHeaders(failure, context));
  return { key: failure.content.key, value: failure.content.value, headers };
}

function contextHeaders(failure: RecordFailure, context: DeadLetterContext): Record<string, string> {
  const { origin, error } = failure;
  const headers: Record<string, string> = { [ErrorHeaders.topic]: origin.topic };
  if (origin.kind === "kafka") {
    headers[ErrorHeaders.partition] = String(origin.partition);
    headers[ErrorHeaders.offset] = origin.offset;
  } else {
    if (origin.sourcePartition !== undefined) headers[ErrorHeaders.sourcePartition] = origin.sourcePartition;
    if (origin.sourceOffset !== undefined) headers[ErrorHeaders.sourceOffset] = origin.sourceOffset;
  }
  headers[ErrorHeaders.connectorName] = context.connector;
  headers[ErrorHeaders.taskId] = String(context.task);
  headers[ErrorHeaders.stage] = failure.stage;
  headers[ErrorHeaders.className] = failure.className;
  // As Connect: the error's own class and message (a connector's error names its class in its language).
  headers[ErrorHeaders.exceptionClassName] = errorClassOf(error);
  headers[ErrorHeaders.exceptionMessage] = error instanceof Error ? error.message : String(error);
  headers[ErrorHeaders.exceptionStacktrace] =
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (context.traceId !== undefined) headers[ErrorHeaders.traceId] = context.traceId;
  return headers;
}

/** The error's class name: a connector's error keeps its own (`errorClass`), ours is the Error's name. */
function errorClassOf(error: unknown): string {
  const reported = (error as { errorClass?: unknown } | undefined)?.errorClass;
  if (typeof reported === "string" && reported !== "") return reported;
  return error instanceof Error ? error.name : typeof error;
}
