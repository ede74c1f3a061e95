import { join } from "node:path";
import { runToCompletion, tailOf } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";

/**
 * Runs one Maven goal that fetches from Maven Central into `home` (batch mode, its output in
 * `<home>/fetch.log`), reported as a slow first-run step. Throws a StackError naming `description` when Maven
 * is missing or the fetch fails.
 */
export async function fetchWithMaven(
  home: string,
  goal: readonly string[],
  description: string,
  progress: Progress,
): Promise<void> {
  await requireTool("mvn", ["--version"], `Maven is needed once to fetch ${description} from Maven Central`);
  const logFile = join(home, "fetch.log");
  const exitCode = await reportSlowStep(
    progress,
    `fetching ${description} from Maven Central (first run only)`,
    () => runToCompletion("mvn", ["--batch-mode", "--no-transfer-progress", ...goal], { cwd: home, logFile }),
  );
  if (exitCode !== 0) {
    throw new StackError(
      `could not fetch ${description} from Maven Central (mvn exited ${exitCode}); is the registry reachable? Full log: ${logFile}`,
      { detail: await tailOf(logFile) },
    );
  }
}
