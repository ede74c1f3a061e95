import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fetchWithMaven } from "./maven-fetch.js";
import type { MavenArtifact } from "./maven-install.js";
import { runToCompletion, tailOf } from "./processes.js";
import type { Progress } from "./progress.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";

/** One zip on Maven Central that holds a whole program (a distribution), to fetch and unpack. */
export interface MavenArchiveRequest {
  /** The cache directory's name under the cache root, keyed by version, e.g. `elasticsearch-7.10.2`. */
  readonly name: string;
  /** What is being fetched, in words, for progress and errors, e.g. "Elasticsearch 7.10.2". */
  readonly description: string;
  /** The artifact; its packaging is `zip`. */
  readonly artifact: MavenArtifact;
}

/**
 * Fetches one zip artifact from Maven Central (`mvn dependency:copy`, so Maven's proxies and local
 * repository apply) into `<cacheDir>/<name>` once and unpacks it there; returns the one directory the zip
 * holds (e.g. `elasticsearch-7.10.2`). Everything unpacked is made readable by all, since servers that refuse
 * root run it as a system user of their own. A marker file written last means a half-finished fetch is never
 * taken for a whole one.
 */
export async function installMavenArchive(
  cacheDir: string,
  request: MavenArchiveRequest,
  progress: Progress,
): Promise<string> {
  const home = join(cacheDir, request.name);
  const unpacked = join(home, "dist");
  const marker = join(home, ".complete");
  if (existsSync(marker)) return onlyDirectoryIn(unpacked, request.description);

  const { groupId, artifactId, version } = request.artifact;
  await requireTool("unzip", ["-v"], `unzip is needed once to unpack ${request.description}`);
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  const logFile = join(home, "fetch.log");
  const downloads = join(home, "download");
  await fetchWithMaven(
    home,
    [
      "dependency:copy",
      `-Dartifact=${groupId}:${artifactId}:${version}:zip`,
      `-DoutputDirectory=${downloads}`,
    ],
    request.description,
    progress,
  );
  const zip = join(downloads, `${artifactId}-${version}.zip`);
  const unzipped = await runToCompletion("unzip", ["-q", "-o", zip, "-d", unpacked], { cwd: home, logFile });
  if (unzipped !== 0) {
    throw new StackError(
      `could not unpack ${zip} (unzip exited ${unzipped}); remove ${home} and run again. Full log: ${logFile}`,
      { detail: await tailOf(logFile) },
    );
  }
  const made = await runToCompletion("chmod", ["-R", "a+rX", unpacked], { cwd: home, logFile });
  if (made !== 0) {
    throw new StackError(`could not make ${unpacked} readable by all (chmod exited ${made}); see ${logFile}`);
  }
  // The cache root may be private (~/.cache under a 0700 home is not, but a mkdtemp one is); let others pass.
  await chmod(home, 0o755);
  await rm(downloads, { recursive: true, force: true });
  await writeFile(marker, new Date().toISOString());
  return onlyDirectoryIn(unpacked, request.description);
}

async function onlyDirectoryIn(dir: string, description: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const directories = entries.filter((entry) => entry.isDirectory());
  const [only] = directories;
  if (only === undefined || directories.length > 1) {
    throw new StackError(
      `${description} unpacked into ${dir} without the single top directory a distribution has; remove ${dir}/.. and run again`,
    );
  }
  return join(dir, only.name);
}
