/**
 * The most records a task may have durable but not yet committed before it waits for its commit: one
 * batch's worth (Connect's default batch.size, and the sink's own batch), so a crash repeats no more than
 * it did when every batch was committed before the next one started.
 */
export const MAX_UNCOMMITTED_RECORDS = 2_000;

/** How a task commits what is durable: `commit` stores it, `merge` folds newer progress into older. */
export interface CommitSteps<Progress> {
  commit(progress: Progress): Promise<void>;
  merge(older: Progress, newer: Progress): Progress;
  /** Told once when a commit fails, so a task that is idle still learns of it. */
  onFailure(error: unknown): void;
}

/** How often a task commits: at most every `minIntervalMs`, but at once past half `maxUncommittedRecords`. */
export interface CommitCadence {
  /**
   * The least time from the start of one commit to the start of the next (Connect's
   * `offset.flush.interval.ms`, with a far shorter default; see the worker's settings). Every commit
   * confirms the task's assignment in etcd, flushes a sink's service and writes to Kafka, so at a low
   * rate, when each commit covers a few records, committing back to back cost more CPU than the records.
   */
  readonly minIntervalMs: number;
  readonly maxUncommittedRecords: number;
}

/**
 * Commits a task's offsets off the records' path, one commit at a time: progress added while a commit is
 * in flight, or while the next one waits for its turn, is merged and committed next, so a task commits
 * about once per `minIntervalMs` when records trickle in and as often as a commit's round trips allow when
 * they pour (Connect commits on a timer of a minute; we keep what a crash repeats small). `commit` makes
 * the records durable first where they are not yet (a sink's flush), then stores the offsets; `roomFor`
 * holds the next batch back while too much is uncommitted, and makes the commit due start at once. After
 * a failure nothing more is committed and every later call throws it.
 */
export class BackgroundCommits<Progress> {
  private pending: { progress: Progress; records: number } | undefined;
  private running: Promise<void> | undefined;
  private runningRecords = 0;
  private failure: { readonly error: unknown } | undefined;
  private lastCommitStartedAt = Number.NEGATIVE_INFINITY;
  /** Set while the loop waits for the next commit's turn: ends the wait early. */
  private startNow: (() => void) | undefined;
  /** Batches waiting in `roomFor`, and callers waiting in `drain`: either makes the next commit start at once. */
  private waitingForRoom = 0;
  private draining = 0;

  /**
   * Waiting records that start the next commit without waiting for its turn: half the limit, so that when
   * records pour in the commit runs while the next ones are written, instead of holding them back in
   * `roomFor` once the limit is reached (a full commit's round trip for every 2,000 records).
   */
  private readonly commitEarlyAt: number;

  constructor(
    private readonly steps: CommitSteps<Progress>,
    private readonly cadence: CommitCadence,
  ) {
    this.commitEarlyAt = Math.ceil(cadence.maxUncommittedRecords / 2);
  }

  /** Records durable but not committed yet, in flight or waiting. */
  get uncommittedRecords(): number {
    return this.runningRecords + (this.pending?.records ?? 0);
  }

  /** The first commit failure, if any. */
  get error(): unknown {
    return this.failure?.error;
  }

  /** Queues progress covering `records` written records; it is committed once the commit in flight ends. */
  add(progress: Progress, records: number): void {
    this.throwIfFailed();
    this.pending =
      this.pending === undefined
        ? { progress, records }
        : {
            progress: this.steps.merge(this.pending.progress, progress),
            records: this.pending.records + records,
          };
    if (this.pending.records >= this.commitEarlyAt) this.startNow?.();
    this.running ??= this.commitPending();
  }

  /** Waits until `records` more would not put more than the limit beyond the last commit (or none is left). */
  async roomFor(records: number): Promise<void> {
    for (;;) {
      this.throwIfFailed();
      const uncommitted = this.uncommittedRecords;
      if (uncommitted === 0 || uncommitted + records <= this.cadence.maxUncommittedRecords) return;
      this.waitingForRoom++;
      this.startNow?.();
      try {
        await this.running;
      } finally {
        this.waitingForRoom--;
      }
    }
  }

  /**
   * Commits everything added so far at once, without waiting for its turn, and waits until it is committed;
   * throws if a commit failed. Used at a stop, and when the task's partitions are revoked; what is added
   * later commits on the usual cadence again.
   */
  async drain(): Promise<void> {
    this.draining++;
    this.startNow?.();
    try {
      while (this.running !== undefined) await this.running;
    } finally {
      this.draining--;
    }
    this.throwIfFailed();
  }

  private async commitPending(): Promise<void> {
    try {
      for (;;) {
        const turn = this.nextTurn();
        if (turn !== undefined) await turn;
        const next = this.pending;
        if (next === undefined) return;
        this.pending = undefined;
        this.runningRecords = next.records;
        this.lastCommitStartedAt = performance.now();
        await this.steps.commit(next.progress);
        this.runningRecords = 0;
      }
    } catch (error) {
      this.failure = { error };
      this.pending = undefined;
      this.runningRecords = 0;
      this.steps.onFailure(error);
    } finally {
      this.running = undefined;
    }
  }

  /** Resolves when the next commit may start, or is undefined when it may start now. */
  private nextTurn(): Promise<void> | undefined {
    const waitMs = this.lastCommitStartedAt + this.cadence.minIntervalMs - performance.now();
    const isPressed =
      this.draining > 0 || this.waitingForRoom > 0 || (this.pending?.records ?? 0) >= this.commitEarlyAt;
    if (waitMs <= 0 || isPressed) return undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.startNow?.(), waitMs);
      this.startNow = () => {
        clearTimeout(timer);
        this.startNow = undefined;
        resolve();
      };
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}
