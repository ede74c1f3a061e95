import type { ConfigProblem } from "@connect-mesh/connector-sdk";
import type { ConnectionConfig } from "./connection-keys.js";
import type { Database } from "./database.js";
import { openDatabase } from "./open-database.js";
import { driverCode } from "./sql-errors.js";

/** The outcome of trying the connection a config names, as `validate` reports it. */
export type ConnectionCheck =
  | { readonly problems: readonly []; readonly db: Database }
  | { readonly problems: readonly ConfigProblem[]; readonly db?: undefined };

/** Driver codes for refused credentials: MySQL's access denied, PostgreSQL's invalid password or authorization. */
const REFUSED_CREDENTIALS = new Set(["ER_ACCESS_DENIED_ERROR", "28P01", "28000"]);

/**
 * Connects once, as Validate does before a connector starts: a URL it cannot read or a database it cannot
 * reach is a problem on connection.url; refused credentials are a problem on connection.password. The
 * messages come from `openDatabase`, so they never hold the password.
 */
export async function connectionProblems(
  config: ConnectionConfig,
  signal: AbortSignal,
): Promise<ConnectionCheck> {
  try {
    // One attempt: a person is waiting for the answer.
    return { problems: [], db: await openDatabase({ ...config, connectionAttempts: 1 }, signal) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = driverCode(error);
    const key =
      code !== undefined && REFUSED_CREDENTIALS.has(code) ? "connection.password" : "connection.url";
    return { problems: [{ key, message }] };
  }
}
