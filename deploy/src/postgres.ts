import { chown, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { Health, RunningComponent } from "./component.js";
import { initializeOnce } from "./initialize-once.js";
import type { PostgresInstall } from "./postgres-install.js";
import { runToCompletion, startDetached, tailOf } from "./processes.js";
import { prepareServiceHome } from "./service-home.js";
import { commandAs, serviceUserFor } from "./service-user.js";
import { StackError } from "./stack-error.js";
import { ensureSocketPathFits } from "./unix-socket.js";

/**
 * The local stack's PostgreSQL superuser and its password: `postgres`/`postgres`, the usual local-development
 * convention (the official container image's example), since connectors log in over TCP with a password.
 */
const POSTGRES_USER = "postgres";
const POSTGRES_PASSWORD = "postgres";

/**
 * Launches a private PostgreSQL server with its data in `<runDir>/postgres/data`, running `initdb` on first
 * start: UTF-8, the superuser `postgres` with the password `postgres` over TCP, and trust over the unix
 * socket (in its home directory), which only its own user may open. It listens on 127.0.0.1 only and keeps
 * time in UTC. As root it runs as the system user `postgres`, since `initdb` and `postgres` refuse root. Resolves
 * once the process runs, not once it is ready (see `launchKafka`).
 */
export async function launchPostgres(
  install: PostgresInstall,
  runDir: string,
  port: number,
): Promise<RunningComponent> {
  const home = join(runDir, "postgres");
  const dataDir = join(home, "data");
  ensureSocketPathFits(join(home, `.s.PGSQL.${port}`), "PostgreSQL");
  const user = await serviceUserFor("postgres", "PostgreSQL");
  await prepareServiceHome(runDir, home, user, "PostgreSQL");
  const logFile = join(home, "postgres.log");

  await initializeOnce(dataDir, async () => {
    // initdb reads the password from a file, so that it never shows on a command line; only the server's
    // user may read the file, and it lives only as long as initdb runs.
    const passwordFile = join(home, "initdb-password");
    await writeFile(passwordFile, `${POSTGRES_PASSWORD}\n`, { mode: 0o600 });
    try {
      if (user !== undefined) await chown(passwordFile, user.uid, user.gid);
      const initdb = commandAs(user, join(install.binDir, "initdb"), [
        `--pgdata=${dataDir}`,
        `--username=${POSTGRES_USER}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        // C.UTF-8 is in every glibc: sorting by code point, and Unicode-aware upper() and lower().
        "--locale=C.UTF-8",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
      ]);
      const code = await runToCompletion(initdb.command, initdb.args, { cwd: home, logFile });
      if (code !== 0) {
        throw new StackError(
          `initializing PostgreSQL's data directory ${dataDir} failed (initdb exited ${code}); see ${logFile}`,
          { detail: await tailOf(logFile) },
        );
      }
    } finally {
      await rm(passwordFile, { force: true });
    }
  });

  const server = commandAs(user, join(install.binDir, "postgres"), [
    // -D names the run directory on the server's command line, which is how `isOurProcess` knows it.
    "-D",
    dataDir,
    "-p",
    String(port),
    "-k",
    home,
    "-c",
    "listen_addresses=127.0.0.1",
    // The socket lets anyone who may open it in as any user (trust), so only the server's user may.
    "-c",
    "unix_socket_permissions=0700",
    "-c",
    "TimeZone=UTC",
    "-c",
    "log_timezone=UTC",
  ]);
  const pid = await startDetached(server.command, server.args, { cwd: home, logFile });
  return {
    name: "postgres",
    pid,
    address: `127.0.0.1:${port}`,
    logFile,
    probe: { kind: "postgres", host: "127.0.0.1", port },
    // SIGTERM would be a "smart" shutdown, which waits for every client (a psql left open) to leave first.
    stopSignal: "SIGINT",
  };
}

/** Healthy when PostgreSQL lets the stack's superuser in over TCP, password and all, and answers `SELECT 1`. */
export async function checkPostgresHealth(host: string, port: number): Promise<Health> {
  const client = new pg.Client({
    host,
    port,
    user: POSTGRES_USER,
    password: POSTGRES_PASSWORD,
    database: "postgres",
    connectionTimeoutMillis: 2_000,
  });
  // pg also emits a broken connection as an "error" event, which would crash the process if nobody listened;
  // the pending connect() or query() rejects with the same error, and that is where it is reported.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { healthy: true };
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end();
  }
}
