import { join } from "node:path";
import { type Connection, createConnection } from "mysql2/promise";
import type { Health, RunningComponent } from "./component.js";
import { initializeOnce } from "./initialize-once.js";
import type { MariaDbInstall } from "./mariadb-install.js";
import { runToCompletion, startDetached, tailOf } from "./processes.js";
import { prepareServiceHome } from "./service-home.js";
import { serviceUserFor } from "./service-user.js";
import { StackError } from "./stack-error.js";
import { ensureSocketPathFits } from "./unix-socket.js";

/** The local stack's MariaDB administrator: `root` with no password, as a fresh developer install has it. */
const MARIADB_USER = "root";

/**
 * Launches a private MariaDB server with its data in `<runDir>/mariadb/data`, creating the system tables on
 * first start so that `root` logs in from 127.0.0.1 with no password. It reads no system my.cnf, listens on
 * 127.0.0.1 only, and runs as the system user `mysql` when we are root (it refuses root). Resolves once the
 * process runs, not once it is ready (see `launchKafka`).
 */
export async function launchMariaDb(
  install: MariaDbInstall,
  runDir: string,
  port: number,
): Promise<RunningComponent> {
  const home = join(runDir, "mariadb");
  const dataDir = join(home, "data");
  const socket = join(home, "mariadb.sock");
  ensureSocketPathFits(socket, "MariaDB");
  const user = await serviceUserFor("mysql", "MariaDB");
  await prepareServiceHome(runDir, home, user, "MariaDB");
  const logFile = join(home, "mariadb.log");
  // As root, both the installer and the server take --user: they chown the data to it, and the server drops
  // to it before it touches any file.
  const asUser = user === undefined ? [] : [`--user=${user.name}`];

  await initializeOnce(dataDir, async () => {
    const code = await runToCompletion(
      install.installDb,
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        // A passwordless root over TCP rather than MariaDB's default, a root only the OS user root may be
        // (over the socket), which a JDBC connector could never log in as.
        "--auth-root-authentication-method=normal",
        // No `test` database: it comes with rights for anonymous users, which shadow named ones.
        "--skip-test-db",
        ...asUser,
      ],
      { cwd: home, logFile },
    );
    if (code !== 0) {
      throw new StackError(
        `creating MariaDB's system tables in ${dataDir} failed (mariadb-install-db exited ${code}); see ${logFile}`,
        { detail: await tailOf(logFile) },
      );
    }
  });

  const pid = await startDetached(
    install.server,
    [
      // First, or it is ignored: the machine's /etc/mysql config is not this server's.
      "--no-defaults",
      `--datadir=${dataDir}`,
      "--bind-address=127.0.0.1",
      `--port=${port}`,
      `--socket=${socket}`,
      `--pid-file=${join(home, "mariadb.pid")}`,
      // No reverse DNS lookup per connection, which stalls where DNS is broken; users are matched by IP.
      "--skip-name-resolve",
      // Kafka Connect's JDBC examples write NOW() into DATETIME columns and read them back as UTC.
      "--default-time-zone=+00:00",
      // Records carry any Unicode text; MariaDB 10.11 would default to latin1.
      "--character-set-server=utf8mb4",
      "--collation-server=utf8mb4_unicode_ci",
      ...asUser,
    ],
    { cwd: home, logFile },
  );
  const address = `127.0.0.1:${port}`;
  return { name: "mariadb", pid, address, logFile, probe: { kind: "mariadb", host: "127.0.0.1", port } };
}

/** Healthy when MariaDB lets the stack's `root` in over TCP and answers `SELECT 1`. */
export async function checkMariaDbHealth(host: string, port: number): Promise<Health> {
  let connection: Connection | undefined;
  try {
    connection = await createConnection({ host, port, user: MARIADB_USER, connectTimeout: 2_000 });
    await connection.query("SELECT 1");
    return { healthy: true };
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    // Nothing to say goodbye for: a probe's connection is simply dropped.
    connection?.destroy();
  }
}
