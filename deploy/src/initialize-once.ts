import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Written into a data directory once its initialization has succeeded, never before. */
const INITIALIZED_MARKER = ".cmesh-initialized";

/**
 * Runs `initialize` (`initdb`, `mariadb-install-db`) on a database's first start only, so a later start
 * keeps the data. A data directory without the marker is what an interrupted initialization left behind,
 * not data anyone wrote (the server never started on it), so it is removed and the initialization redone.
 * Resolves with whether it initialized.
 */
export async function initializeOnce(dataDir: string, initialize: () => Promise<void>): Promise<boolean> {
  const marker = join(dataDir, INITIALIZED_MARKER);
  if (existsSync(marker)) return false;
  await rm(dataDir, { recursive: true, force: true });
  await initialize();
  await writeFile(marker, `initialized by cmesh up at ${new Date().toISOString()}\n`);
  return true;
}
