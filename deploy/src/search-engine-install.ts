import { dirname, join } from "node:path";
import { installMavenArchive } from "./maven-archive.js";
import { outputOf } from "./processes.js";
import type { Progress } from "./progress.js";
import { SEARCH_ENGINES, type SearchEngine, type SearchEngineSpec } from "./search-engines.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";

/** An unpacked search engine distribution and the JDK it runs on. */
export interface SearchEngineInstall {
  readonly spec: SearchEngineSpec;
  /** The unpacked distribution, e.g. `<cacheDir>/elasticsearch-7.10.2/dist/elasticsearch-7.10.2`. */
  readonly distDir: string;
  /** The JDK of the `java` on the PATH; the integ-test zips bundle none. */
  readonly javaHome: string;
  readonly version: string;
}

/** Fetches and unpacks the search engine's distribution from Maven Central on first use; finds the JDK. */
export async function installSearchEngine(
  engine: SearchEngine,
  cacheDir: string,
  progress: Progress,
): Promise<SearchEngineInstall> {
  const spec = SEARCH_ENGINES[engine];
  await requireTool("java", ["-version"], `${spec.description} runs on Java 17`);
  const distDir = await installMavenArchive(
    cacheDir,
    { name: `${engine}-${spec.artifact.version}`, description: spec.description, artifact: spec.artifact },
    progress,
  );
  return { spec, distDir, javaHome: await javaHomeOnPath(cacheDir), version: spec.artifact.version };
}

/** The JDK behind `java` on the PATH (`/usr/bin/java` is a chain of links into it). */
async function javaHomeOnPath(cacheDir: string): Promise<string> {
  const java = await outputOf("sh", ["-c", 'readlink -f "$(command -v java)"'], {
    cwd: cacheDir,
    logFile: join(cacheDir, "java-home.log"),
  });
  if (java === undefined || !java.endsWith("/bin/java")) {
    throw new StackError(
      `could not find the JDK behind "java" on the PATH (got "${java ?? ""}"); install a Java 17 JDK and try again`,
    );
  }
  return dirname(dirname(java));
}
