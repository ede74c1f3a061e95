import { join } from "node:path";
import { versionOf } from "./binary-version.js";
import { type DebianPackage, ensureDebianPackage } from "./debian-package.js";
import type { Progress } from "./progress.js";

/** PostgreSQL's server binaries. */
export interface PostgresInstall {
  /** Where `postgres` and `initdb` are: Debian keeps each major version apart, off the PATH. */
  readonly binDir: string;
  /** As the server reports it, e.g. "15.18". */
  readonly version: string;
}

/** Debian 12's PostgreSQL. */
const POSTGRES_BIN_DIR = "/usr/lib/postgresql/15/bin";
const POSTGRESQL_15: DebianPackage = {
  name: "postgresql-15",
  purpose: "PostgreSQL 15",
  binaries: [join(POSTGRES_BIN_DIR, "postgres"), join(POSTGRES_BIN_DIR, "initdb")],
};

/** Finds PostgreSQL 15's server, installing Debian's postgresql-15 first when it is missing (as root only). */
export async function installPostgres(cacheDir: string, progress: Progress): Promise<PostgresInstall> {
  await ensureDebianPackage(POSTGRESQL_15, cacheDir, progress);
  return { binDir: POSTGRES_BIN_DIR, version: await versionOf(join(POSTGRES_BIN_DIR, "postgres")) };
}
