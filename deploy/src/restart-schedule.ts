/** The wait before the first restart of a service that died; each further one in a row waits twice as long. */
const FIRST_DELAY_MS = 1_000;

/** The longest wait between two restarts, however often a service keeps dying. */
const MAX_DELAY_MS = 30_000;

/** A service that has run this long since its last restart is well again: its next death starts the waits over. */
const HEALTHY_RUN_MS = 60_000;

interface ServiceHistory {
  /** Restarts since it last ran well; the next wait doubles with each. */
  failures: number;
  /** When it was last started again. */
  restartedAt: number;
  /** When it was first seen dead, if it is dead now. */
  deadSince?: number;
}

/**
 * When to start a dead service again, as a process manager does: after 1 s, then 2, 4, 8 ... up to 30 s
 * while it keeps dying soon after each start, so a service that cannot start does not spin. A minute
 * alive clears its record. Pure: the supervisor passes in what it saw and when.
 */
export class RestartSchedule {
  private readonly services = new Map<string, ServiceHistory>();

  /** Notes whether `name` was alive at `now`; true when it is dead and its wait is over: restart it now. */
  observe(name: string, alive: boolean, now: number): boolean {
    const history = this.historyOf(name);
    if (alive) {
      history.deadSince = undefined;
      if (now - history.restartedAt >= HEALTHY_RUN_MS) history.failures = 0;
      return false;
    }
    history.deadSince ??= now;
    return now - history.deadSince >= this.delayFor(history.failures);
  }

  /** Notes that `name` was started again at `now`. */
  restarted(name: string, now: number): void {
    const history = this.historyOf(name);
    history.failures += 1;
    history.restartedAt = now;
    history.deadSince = undefined;
  }

  /** Forgets `name`, as when it was stopped on purpose: its next death is a first one. */
  forget(name: string): void {
    this.services.delete(name);
  }

  private delayFor(failures: number): number {
    return Math.min(FIRST_DELAY_MS * 2 ** failures, MAX_DELAY_MS);
  }

  private historyOf(name: string): ServiceHistory {
    let history = this.services.get(name);
    if (history === undefined) {
      history = { failures: 0, restartedAt: Number.NEGATIVE_INFINITY };
      this.services.set(name, history);
    }
    return history;
  }
}
