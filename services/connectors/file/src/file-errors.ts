import { FatalError, RetriableError } from "@connect-mesh/connector-sdk";

// Conditions that may pass on their own: too many open files, I/O hiccups, a full disk being cleaned.
const RETRIABLE_CODES = new Set([
  "EMFILE",
  "ENFILE",
  "EIO",
  "EAGAIN",
  "EBUSY",
  "ETIMEDOUT",
  "ESTALE",
  "ENOSPC",
]);

/**
 * Wraps a filesystem error for the worker: retriable when the condition may pass, fatal (a person must
 * fix a path or a permission) otherwise. The message says what was being done and with which file.
 */
export function fileError(message: string, cause: unknown, options: { recordIndex?: number } = {}): Error {
  const code = errorCode(cause);
  const text = `${message}: ${cause instanceof Error ? cause.message : String(cause)}`;
  return code !== undefined && RETRIABLE_CODES.has(code)
    ? new RetriableError(text, { cause, ...options })
    : new FatalError(`${text}; check the path and its permissions`, { cause, ...options });
}

/** The `code` of a Node.js system error (ENOENT, EACCES, …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
