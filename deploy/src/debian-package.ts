import { existsSync } from "node:fs";
import { join } from "node:path";
import { runToCompletion, tailOf } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { isRoot } from "./service-user.js";
import { StackError } from "./stack-error.js";

/** A Debian package, and the binaries of it that the stack runs. */
export interface DebianPackage {
  readonly name: string;
  /** Absolute paths; the package counts as there when every one of them exists. */
  readonly binaries: readonly string[];
  /** What the stack runs from it, for messages: "MariaDB". */
  readonly purpose: string;
}

const APT_GET = "/usr/bin/apt-get";

/** How long apt-get waits for another apt or dpkg (a second stack starting, unattended upgrades) to finish. */
const APT_LOCK_TIMEOUT_S = 300;

/**
 * Makes sure the binaries of a Debian package are on this machine. When one is missing and we are root, it
 * installs the package with apt-get (its output in `<cacheDir>/apt-<package>.log`); when we are not root, it
 * says which package to install.
 */
export async function ensureDebianPackage(
  pkg: DebianPackage,
  cacheDir: string,
  progress: Progress,
): Promise<void> {
  const missing = missingBinaries(pkg);
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new StackError(
      `${pkg.purpose} needs ${missing.join(" and ")}, from Debian's ${pkg.name} package; install it ` +
        `(sudo apt-get install ${pkg.name}) or run cmesh as root, which installs it`,
    );
  }
  if (!existsSync(APT_GET)) {
    throw new StackError(
      `${pkg.purpose} needs ${missing.join(" and ")}, from Debian's ${pkg.name} package, and this machine has no apt-get to install it with; install ${pkg.purpose} there yourself`,
    );
  }
  const logFile = join(cacheDir, `apt-${pkg.name}.log`);
  const what = `installing Debian's ${pkg.name} for ${pkg.purpose} (log: ${logFile})`;
  await reportSlowStep(progress, what, async () => {
    await apt(["update"], pkg, logFile);
    await apt(["install", "-y", "--no-install-recommends", pkg.name], pkg, logFile);
  });
  const stillMissing = missingBinaries(pkg);
  if (stillMissing.length > 0) {
    throw new StackError(
      `apt-get installed ${pkg.name}, but ${stillMissing.join(" and ")} is still missing; check the package (dpkg -L ${pkg.name}) and the log ${logFile}`,
      { detail: await tailOf(logFile) },
    );
  }
}

function missingBinaries(pkg: DebianPackage): readonly string[] {
  return pkg.binaries.filter((binary) => !existsSync(binary));
}

async function apt(args: readonly string[], pkg: DebianPackage, logFile: string): Promise<void> {
  const code = await runToCompletion(APT_GET, [`-oDPkg::Lock::Timeout=${APT_LOCK_TIMEOUT_S}`, ...args], {
    cwd: "/",
    logFile,
    // The child gets our environment, plus what keeps debconf from asking questions nobody can answer.
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (code !== 0) {
    throw new StackError(
      `apt-get ${args[0]} exited ${code} while installing Debian's ${pkg.name} for ${pkg.purpose}; see ${logFile}, fix what it says (the network, the sources) and try again, or install ${pkg.name} yourself`,
      { detail: await tailOf(logFile) },
    );
  }
}
