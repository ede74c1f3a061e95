import { setTimeout as delay } from "node:timers/promises";

/** What `waitForRowCount` watches, and how patiently. */
export interface RowCountWait {
  /** The table's row count now. */
  readonly count: () => Promise<number>;
  readonly expected: number;
  /** Why the pipeline has failed (a connector's or task's FAILED state), or undefined while none has. */
  readonly failureOf: () => Promise<string | undefined>;
  /** What is being filled, for the errors ("PostgreSQL table x"). */
  readonly description: string;
  /** What its count counts, for the errors: "rows" unless given ("documents", say). */
  readonly unit?: string;
  /** The connector service whose log says why a stalled count stopped ("connector-jdbc"). */
  readonly connectorService: string;
  /** The hard deadline from the start of the wait. */
  readonly timeoutMs: number;
  /** How long the count may stand still before the run is declared stuck. */
  readonly stallMs?: number;
  /** How often to count: the end of a run is known to within this. */
  readonly intervalMs?: number;
  /** How often to ask whether the pipeline has failed. */
  readonly failureCheckMs?: number;
  readonly signal: AbortSignal;
  /** A clock in ms; `Date.now` unless given another. */
  readonly now?: () => number;
  /** Waits between counts; a timer unless a test gives its own. */
  readonly pause?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** When the counts saw the table's first rows and all of them, on the wait's clock. */
export interface RowCountTimes {
  /** When the first count that saw any row was sent. */
  readonly firstRowsAt: number;
  /** When the first count that saw every row was sent. */
  readonly allRowsAt: number;
}

/**
 * Counts a table's rows (or an index's documents) until there are `expected`, and returns when the counts
 * that first saw some rows and then all of them were sent (on `now`'s clock): the rows were there by then,
 * and at most one interval earlier were not. Throws, naming the last count, when the deadline passes, when
 * the count stands still for `stallMs`, or as soon as `failureOf` names a failure.
 */
export async function waitForRowCount(wait: RowCountWait): Promise<RowCountTimes> {
  const now = wait.now ?? Date.now;
  const pause = wait.pause ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const stallMs = wait.stallMs ?? 60_000;
  const intervalMs = wait.intervalMs ?? 100;
  const failureCheckMs = wait.failureCheckMs ?? 1_000;
  const unit = wait.unit ?? "rows";
  const startedAt = now();
  let lastCount = -1;
  let lastGrowthAt = startedAt;
  let lastCheckAt = startedAt;
  let firstRowsAt: number | undefined;
  for (;;) {
    wait.signal.throwIfAborted();
    const sentAt = now();
    const count = await wait.count();
    if (count > 0) firstRowsAt ??= sentAt;
    if (count >= wait.expected) return { firstRowsAt: firstRowsAt ?? sentAt, allRowsAt: sentAt };
    if (count !== lastCount) {
      lastCount = count;
      lastGrowthAt = sentAt;
    }
    if (sentAt - lastCheckAt >= failureCheckMs) {
      lastCheckAt = sentAt;
      const failure = await wait.failureOf();
      if (failure !== undefined)
        throw new Error(`${failure} (${wait.description} held ${count} of ${wait.expected} ${unit})`);
    }
    if (sentAt - lastGrowthAt >= stallMs)
      throw new Error(
        `${wait.description} stayed at ${count} of ${wait.expected} ${unit} for ${stallMs / 1000} s; see the connectors' status and the ${wait.connectorService} log`,
      );
    if (sentAt - startedAt >= wait.timeoutMs)
      throw new Error(
        `${wait.description} held ${count} of ${wait.expected} ${unit} after ${wait.timeoutMs / 1000} s, the deadline`,
      );
    await pause(intervalMs, wait.signal);
  }
}
