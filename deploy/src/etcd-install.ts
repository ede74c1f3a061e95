import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runToCompletion, tailOf } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";
import { ETCD_VERSION } from "./versions.js";

/** Debian's etcd-server package puts its binary here; it is the fallback when the build fails. */
const DEBIAN_ETCD = "/usr/bin/etcd";

/** An etcd server binary. */
export interface EtcdInstall {
  readonly binary: string;
  /** Where the binary came from, for `cmesh status`. */
  readonly origin: string;
}

/**
 * Builds etcd's server from the Go module proxy into `<cacheDir>/etcd-<version>` once. A tiny wrapper
 * module calls etcdmain, which sidesteps the `replace` directives of etcd's root module. If the build
 * fails and Debian's etcd-server is installed, that binary is used instead and the reason is reported.
 */
export async function installEtcd(cacheDir: string, progress: Progress): Promise<EtcdInstall> {
  const home = join(cacheDir, `etcd-${ETCD_VERSION}`);
  const binary = join(home, "etcd");
  const marker = join(home, ".complete");
  if (existsSync(marker)) return { binary, origin: `built ${ETCD_VERSION}` };

  await requireTool("go", ["version"], "Go is needed once to build etcd from the Go module proxy");
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  await writeFile(join(home, "go.mod"), "module connect-mesh.local/etcd\n\ngo 1.24\n");
  await writeFile(join(home, "main.go"), ETCD_WRAPPER);
  const logFile = join(home, "build.log");
  const exitCode = await reportSlowStep(
    progress,
    `building etcd ${ETCD_VERSION} from the Go module proxy (first run only)`,
    async () => {
      const fetched = await runToCompletion("go", ["get", `go.etcd.io/etcd/server/v3@${ETCD_VERSION}`], {
        cwd: home,
        logFile,
      });
      return fetched === 0
        ? runToCompletion("go", ["build", "-o", binary, "."], { cwd: home, logFile })
        : fetched;
    },
  );
  if (exitCode === 0) {
    await writeFile(marker, new Date().toISOString());
    return { binary, origin: `built ${ETCD_VERSION}` };
  }
  if (existsSync(DEBIAN_ETCD)) {
    progress(`  the etcd build failed (log: ${logFile}); using Debian's ${DEBIAN_ETCD} instead`);
    return { binary: DEBIAN_ETCD, origin: "Debian etcd-server (build failed)" };
  }
  throw new StackError(
    `could not build etcd ${ETCD_VERSION} (go exited ${exitCode}; log: ${logFile}); fix the build or install Debian's etcd-server package as a fallback`,
    { detail: await tailOf(logFile) },
  );
}

const ETCD_WRAPPER = `// Written by connect-mesh's deploy package: etcd's own server entry point, built from the Go module proxy.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
`;
