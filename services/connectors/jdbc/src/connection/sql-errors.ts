import { FatalError, type PluginError, RetriableError } from "@connect-mesh/connector-sdk";

// Node's socket errors: the database is away, restarting or overloaded, and may come back.
const RETRIABLE_SOCKET_CODES = new Set([
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
  const code = codeOf(error);
  const text = hideSecrets(error instanceof Error ? error.message : String(error), options.secrets ?? []);
  const detail = code === undefined ? text : `${text} (${code})`;
  const cause = error;
  if (code !== undefined && isRetriable(code)) {
    return new RetriableError(`${doing}: ${detail}`, { cause, recordIndex: options.recordIndex });
  }
  const advice = code === undefined ? undefined : ADVICE[code];
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

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** `text` with every one of `secrets` (a password, wherever a driver echoed it) replaced by `[hidden]`. */
export function hideSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let hidden = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret !== "") hidden = hidden.split(secret).join("[hidden]");
  }
  return hidden;
}
