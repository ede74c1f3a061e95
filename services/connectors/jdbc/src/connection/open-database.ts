import { sleep } from "@connect-mesh/connector-sdk";
import type { ConnectionConfig } from "./connection-keys.js";
import type { Database } from "./database.js";
import { parseJdbcUrl, redactUrl } from "./jdbc-url.js";
import { openMysql } from "./mysql-database.js";
import { openPostgres } from "./postgres-database.js";
import { sqlError } from "./sql-errors.js";

/** How long one connection attempt may take. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects to the database the config names, trying `connection.attempts` times `connection.backoff.ms`
 * apart while the failure is retriable (Confluent's connector does the same). The last failure comes out
 * classified: an unreachable database is retriable, bad credentials or an unknown database are fatal; the
 * message names the URL without its password and never the password itself.
 */
export async function openDatabase(config: ConnectionConfig, signal: AbortSignal): Promise<Database> {
  const address = parseJdbcUrl(config.connectionUrl);
  const credentials = {
    ...address,
    user: config.connectionUser ?? address.user,
    password: config.connectionPassword ?? address.password,
  };
  const doing = `cannot connect to ${redactUrl(config.connectionUrl)} as ${credentials.user ?? "(no user)"}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return credentials.dialect === "mysql"
        ? await openMysql(credentials, CONNECT_TIMEOUT_MS)
        : await openPostgres(credentials, CONNECT_TIMEOUT_MS);
    } catch (error) {
      const failure = sqlError(doing, error, { secrets: [credentials.password] });
      if (!failure.retriable || attempt >= config.connectionAttempts || signal.aborted) throw failure;
      await sleep(Number(config.connectionBackoffMs), signal);
    }
  }
}
