import { FatalError, type PluginError, RetriableError } from "@connect-mesh/connector-sdk";

/** The code of an error saying the connection itself is gone (see `connectionLost`): always retriable. */
export const CONNECTION_LOST = "CONNECTION_LOST";

// Node's socket errors: the database is away, restarting or overloaded, and may come back.
const RETRIABLE_SOCKET_CODES = new Set([
  CONNECTION_LOST,
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
]);

// MySQL/MariaDB server errors that pass: too many connections, shutdown, deadlock, lock wait timeout.
const RETRIABLE_MYSQL_CODES = new Set([
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
  "ER_LOCK_DEADLOCK",
  "ER_LOCK_WAIT_TIMEOUT",
  "ER_QUERY_INTERRUPTED",
]);

// PostgreSQL SQLSTATE classes and codes that pass: connection exceptions, insufficient resources,
// serialization failures and deadlocks, and a server shutting down or starting up.
const RETRIABLE_SQLSTATE_CLASSES = new Set(["08", "53"]);
const RETRIABLE_SQLSTATES = new Set(["40001", "40P01", "57P01", "57P02", "57P03", "55P03"]);

// Errors a person must fix, with the advice that goes with each.
const ADVICE: Readonly<Record<string, string>> = {
  ER_ACCESS_DENIED_ERROR: "check connection.user and connection.password",
  ER_DBACCESS_DENIED_ERROR: "grant the user access to the database, or name another one",
  ER_BAD_DB_ERROR: "create the database or fix the name in connection.url",
  ER_NO_SUCH_TABLE: "create the table, or check the table names in the config",
  ER_BAD_FIELD_ERROR: "check the column names in the config",
  "28P01": "check connection.user and connection.password",
  "28000": "check connection.user and connection.password, and the server's pg_hba.conf",
  "3D000": "create the database or fix the name in connection.url",
  "42P01": "create the table, or check the table names in the config",
  "42703": "check the column names in the config",
};

/**
 * Turns a driver's error into the connector's: retriable when the database may come back (the worker then
 * restarts the task with backoff), fatal otherwise, with what was being done, the database's own words and
 * what to do. `secrets` (the password) are cut out of the message, whatever the driver put in it.
 */
export function sqlError(
  doing: string,
  error: unknown,
  options: { readonly secrets?: readonly (string | undefined)[]; readonly recordIndex?: number } = {},
): PluginError {
  const code = driverCode(error);
  const text = hideSecrets(error instanceof Error ? error.message : String(error), options.secrets ?? []);
  const detail = code === undefined ? text : `${text} (${code})`;
  const cause = error;
  // A person must act on these, even where the driver also marks its connection unusable (a refused login).
  const advice = code === undefined ? undefined : ADVICE[code];
  if (advice === undefined && ((code !== undefined && isRetriable(code)) || isFatalToConnection(error))) {
    return new RetriableError(`${doing}: ${detail}`, { cause, recordIndex: options.recordIndex });
  }
  return new FatalError(advice === undefined ? `${doing}: ${detail}` : `${doing}: ${detail}; ${advice}`, {
    cause,
    recordIndex: options.recordIndex,
  });
}

/** Whether the driver's error code names a condition that may pass on its own. */
export function isRetriable(code: string): boolean {
  return (
    RETRIABLE_SOCKET_CODES.has(code) ||
    RETRIABLE_MYSQL_CODES.has(code) ||
    RETRIABLE_SQLSTATES.has(code) ||
    (/^[0-9A-Z]{5}$/.test(code) && RETRIABLE_SQLSTATE_CLASSES.has(code.slice(0, 2)))
  );
}

/** The most causes followed when looking for a driver's code, so that a cycle cannot hang the look-up. */
const MAX_CAUSES = 8;

/** The driver's error code (MySQL's ER_..., a PostgreSQL SQLSTATE, a socket's E...), looking through causes. */
export function driverCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSES && typeof current === "object" && current !== null; depth += 1) {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * An error saying the connection is gone, for drivers whose own says so without a code: PostgreSQL's
 * client-side errors ("Connection terminated unexpectedly", "… is not queryable", "timeout expired").
 */
export function connectionLost(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`the connection to the database was lost: ${message}`, { cause }), {
    code: CONNECTION_LOST,
  });
}

/** mysql2 marks the errors after which its connection is unusable (a reset socket, a closed state) `fatal`. */
function isFatalToConnection(error: unknown): boolean {
  return typeof error === "object" && error !== null && "fatal" in error && error.fatal === true;
}

/** `text` with every one of `secrets` (a password, wherever a driver echoed it) replaced by `[hidden]`. */
export function hideSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let hidden = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret !== "") hidden = hidden.split(secret).join("[hidden]");
  }
  return hidden;
}
