/**
 * The logging the SDK needs, shaped so that a pino logger fits as it is. The SDK never depends on pino
 * itself: a service's main.ts makes the root pino logger and passes it in.
 */
export interface Logger {
  /** Detail for someone debugging. `bindings` are structured fields (an error goes under `err`). */
  debug(bindings: object, message?: string): void;
  /** A lifecycle event: a task started or stopped, the server listens. */
  info(bindings: object, message?: string): void;
  /** Something went wrong and was handled (a task failed and was reported, a stop took too long). */
  warn(bindings: object, message?: string): void;
  /** Something went wrong that the SDK could not handle. */
  error(bindings: object, message?: string): void;
  /** A logger that adds `bindings` (component, connector, task) to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

/** Logs nothing: the default when no logger is given, so the SDK works without one. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
