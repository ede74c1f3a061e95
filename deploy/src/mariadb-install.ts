import { versionOf } from "./binary-version.js";
import { type DebianPackage, ensureDebianPackage } from "./debian-package.js";
import type { Progress } from "./progress.js";

/** MariaDB's server binaries. */
export interface MariaDbInstall {
  /** The server, `mariadbd`. */
  readonly server: string;
  /** What creates a data directory's system tables, `mariadb-install-db`. */
  readonly installDb: string;
  /** As the server reports it, e.g. "10.11.19". */
  readonly version: string;
}

const MARIADBD = "/usr/sbin/mariadbd";
const MARIADB_INSTALL_DB = "/usr/bin/mariadb-install-db";
/** Debian's MariaDB server (Debian 12 ships 10.11); the binaries come from mariadb-server-core, which it pulls in. */
const MARIADB_SERVER: DebianPackage = {
  name: "mariadb-server",
  purpose: "MariaDB",
  binaries: [MARIADBD, MARIADB_INSTALL_DB],
};

/** Finds MariaDB's server, installing Debian's mariadb-server first when it is missing (as root only). */
export async function installMariaDb(cacheDir: string, progress: Progress): Promise<MariaDbInstall> {
  await ensureDebianPackage(MARIADB_SERVER, cacheDir, progress);
  return { server: MARIADBD, installDb: MARIADB_INSTALL_DB, version: await versionOf(MARIADBD) };
}
