/**
 * An error the REST API answers with Kafka Connect's body, `{"error_code": <status>, "message": ...}`.
 * The message says what is wrong and, where it can, what to do.
 */
export class RestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** 404 for a connector that does not exist, in Connect's words. */
export function connectorNotFound(name: string): RestError {
  return new RestError(404, `Connector ${name} not found`);
}

/**
 * 409 while tasks are moving between workers, in Connect's words: a restart or an offsets change now could
 * act on a task that is stopping on one worker and not yet started on the next. Try again in a moment.
 */
export function rebalanceInProgress(cause?: unknown): RestError {
  return new RestError(
    409,
    "Cannot complete request because of a conflicting operation (e.g. worker rebalance)",
    { cause },
  );
}
