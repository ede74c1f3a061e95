import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runToCompletion } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { requireTool } from "./tools.js";

/** A binary built from the Go module proxy by a small module of our own, cached by name and version. */
export interface GoBuild {
  /** "etcd": the binary's name and, with the version, its cache directory's (`<name>-<version>`). */
  readonly name: string;
  readonly version: string;
  /** The small module's files besides go.mod (a wrapper main.go, say), by file name. */
  readonly files?: Readonly<Record<string, string>>;
  /** What `go get` adds to the module, e.g. ["go.etcd.io/etcd/server/v3@v3.6.16"]. */
  readonly getArgs: readonly string[];
  /** The package `go build` builds: "." for a wrapper main.go, or a tool's import path. */
  readonly buildTarget: string;
}

/** The outcome of a build: the binary, or why there is none. */
export type GoBuildResult =
  | { readonly built: true; readonly binary: string }
  | { readonly built: false; readonly exitCode: number; readonly logFile: string };

/**
 * Builds `build` into `<cacheDir>/<name>-<version>` once: a fresh module (go.mod plus `files`), `go get`,
 * then `go build`, logging to `build.log` there. A `.complete` marker written last means a half-finished
 * build is never taken for a whole one; with it present, nothing runs.
 */
export async function buildFromGoProxy(
  cacheDir: string,
  build: GoBuild,
  progress: Progress,
): Promise<GoBuildResult> {
  const home = join(cacheDir, `${build.name}-${build.version}`);
  const binary = join(home, build.name);
  const marker = join(home, ".complete");
  if (existsSync(marker)) return { built: true, binary };

  await requireTool("go", ["version"], `Go is needed once to build ${build.name} from the Go module proxy`);
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  await writeFile(join(home, "go.mod"), `module connect-mesh.local/${build.name}\n\ngo 1.24\n`);
  for (const [file, text] of Object.entries(build.files ?? {})) await writeFile(join(home, file), text);
  const logFile = join(home, "build.log");
  const exitCode = await reportSlowStep(
    progress,
    `building ${build.name} ${build.version} from the Go module proxy (first run only)`,
    async () => {
      const fetched = await runToCompletion("go", ["get", ...build.getArgs], { cwd: home, logFile });
      return fetched === 0
        ? runToCompletion("go", ["build", "-o", binary, build.buildTarget], { cwd: home, logFile })
        : fetched;
    },
  );
  if (exitCode !== 0) return { built: false, exitCode, logFile };
  await writeFile(marker, new Date().toISOString());
  return { built: true, binary };
}
