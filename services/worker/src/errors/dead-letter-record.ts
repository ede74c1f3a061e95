import { ERROR_HEADER_PREFIX, ErrorHeaders } from "@connect-mesh/error-handling";
import type { MessageHeaders, OutgoingMessage } from "@connect-mesh/kafka";
import type { RecordFailure } from "./record-failure.js";

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
export function deadLetterMessage(failure: RecordFailure, context: DeadLetterContext): OutgoingMessage {
  const headers: MessageHeaders = {};
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
