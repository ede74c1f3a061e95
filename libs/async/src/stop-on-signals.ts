/**
 * A service's last word: on the first SIGTERM or SIGINT, runs `stop` once (stop intake, drain, commit,
 * close) and exits the process, with 0 when it finished and 1 when it threw (after `onError` has logged why).
 */
export function stopOnSignals(
  stop: (signal: NodeJS.Signals) => Promise<void>,
  onError: (error: unknown) => void,
): void {
  // A second signal (Ctrl-C twice, SIGTERM then SIGINT) must not start a second stop.
  let isStopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (isStopping) return;
      isStopping = true;
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          onError(error);
          process.exit(1);
        },
      );
    });
  }
}
