import { existsSync } from "node:fs";
import { buildFromGoProxy } from "./go-build.js";
import { tailOf } from "./processes.js";
import type { Progress } from "./progress.js";
import { StackError } from "./stack-error.js";
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
  const result = await buildFromGoProxy(
    cacheDir,
    {
      name: "etcd",
      version: ETCD_VERSION,
      files: { "main.go": ETCD_WRAPPER },
      getArgs: [`go.etcd.io/etcd/server/v3@${ETCD_VERSION}`],
      buildTarget: ".",
    },
    progress,
  );
  if (result.built) return { binary: result.binary, origin: `built ${ETCD_VERSION}` };
  if (existsSync(DEBIAN_ETCD)) {
    progress(`  the etcd build failed (log: ${result.logFile}); using Debian's ${DEBIAN_ETCD} instead`);
    return { binary: DEBIAN_ETCD, origin: "Debian etcd-server (build failed)" };
  }
  throw new StackError(
    `could not build etcd ${ETCD_VERSION} (go exited ${result.exitCode}; log: ${result.logFile}); fix the build or install Debian's etcd-server package as a fallback`,
    { detail: await tailOf(result.logFile) },
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
