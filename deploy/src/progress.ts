/** Where the stack reports what it is doing, so the CLI can print it and tests can stay quiet. */
export type Progress = (line: string) => void;

/** Reports nothing. */
export const silent: Progress = () => {};

/**
 * Runs a slow step, reporting when it starts, every `everyMs` while it runs (so a first run that fetches
 * and builds for minutes shows it is alive), and how long it took.
 */
export async function reportSlowStep<T>(
  progress: Progress,
  what: string,
  step: () => Promise<T>,
  everyMs = 15_000,
): Promise<T> {
  const startedAt = Date.now();
  progress(`${what}…`);
  const ticker = setInterval(
    () => progress(`  still ${what} (${Math.round((Date.now() - startedAt) / 1000)} s)`),
    everyMs,
  );
  ticker.unref();
  try {
    const result = await step();
    progress(`  done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    clearInterval(ticker);
  }
}
