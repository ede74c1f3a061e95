import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runToCompletion, tailOf } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";
import { SCHEMATHESIS_VERSION } from "./versions.js";

/** The schemathesis command line, in its own virtualenv. */
export interface SchemathesisInstall {
  readonly version: string;
  /** The `schemathesis` executable. */
  readonly binary: string;
}

/**
 * Installs schemathesis from PyPI into a virtualenv at `<cacheDir>/schemathesis-<version>` once, as the
 * Kafka and etcd installs do: a marker file written last tells a finished install from one a killed run
 * left behind, which is rebuilt from scratch.
 */
export async function installSchemathesis(
  cacheDir: string,
  progress: Progress,
): Promise<SchemathesisInstall> {
  const home = join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const venv = join(home, "venv");
  const binary = join(venv, "bin", "schemathesis");
  const marker = join(home, ".complete");
  if (existsSync(marker)) return { version: SCHEMATHESIS_VERSION, binary };

  await requireTool("python3", ["--version"], "Python 3 is needed once to install schemathesis from PyPI");
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  const logFile = join(home, "install.log");
  const exitCode = await reportSlowStep(
    progress,
    `installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI (first run only)`,
    async () => {
      const created = await runToCompletion("python3", ["-m", "venv", venv], { cwd: home, logFile });
      if (created !== 0) return created;
      return runToCompletion(
        join(venv, "bin", "python"),
        [
          "-m",
          "pip",
          "install",
          "--quiet",
          "--no-input",
          "--disable-pip-version-check",
          `schemathesis==${SCHEMATHESIS_VERSION}`,
        ],
        { cwd: home, logFile },
      );
    },
  );
  if (exitCode !== 0) {
    throw new StackError(
      `could not install schemathesis ${SCHEMATHESIS_VERSION} from PyPI (exit code ${exitCode}); is the registry reachable? Full log: ${logFile}`,
      { detail: await tailOf(logFile) },
    );
  }
  await writeFile(marker, new Date().toISOString());
  return { version: SCHEMATHESIS_VERSION, binary };
}
