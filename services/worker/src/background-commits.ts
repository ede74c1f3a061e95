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

/**
 * Commits a task's offsets off the records' path, one commit at a time: progress added while a commit is
 * in flight is merged and committed next, so a task commits as often as a commit's round trips allow and
 * never once per batch when batches come faster (Connect commits on a timer instead; we commit as soon as
 * we can, which keeps what a crash repeats small). `commit` makes the records durable first where they are
 * not yet (a sink's flush), then stores the offsets; `roomFor` holds the next batch back while too much is
 * uncommitted. After a failure nothing more is
 * committed and every later call throws it.
 */
export class BackgroundCommits<Progress> {
  private pending: { progress: Progress; records: number } | undefined;
  private running: Promise<void> | undefined;
  private runningRecords = 0;
  private failure: { readonly error: unknown } | undefined;

  constructor(
    private readonly steps: CommitSteps<Progress>,
    private readonly maxUncommittedRecords = MAX_UNCOMMITTED_RECORDS,
  ) {}

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
    this.running ??= this.commitPending();
  }

  /** Waits until `records` more would not put more than the limit beyond the last commit (or none is left). */
  async roomFor(records: number): Promise<void> {
    for (;;) {
      this.throwIfFailed();
      const uncommitted = this.uncommittedRecords;
      if (uncommitted === 0 || uncommitted + records <= this.maxUncommittedRecords) return;
      await this.running;
    }
  }

  /** Waits until everything added is committed; throws if a commit failed. */
  async drain(): Promise<void> {
    while (this.running !== undefined) await this.running;
    this.throwIfFailed();
  }

  private async commitPending(): Promise<void> {
    try {
      for (let next = this.pending; next !== undefined; next = this.pending) {
        this.pending = undefined;
        this.runningRecords = next.records;
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

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}
