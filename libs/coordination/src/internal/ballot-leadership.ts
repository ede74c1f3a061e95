import type { Leadership, Lease } from "../coordination-store.js";
import { LeadershipLostError } from "../errors.js";

/**
 * Won leadership in a ballot election (etcd's recipe), until it resigns, its lease ends, its ballot is
 * deleted, or the store closes. Knows nothing of the store: the adapter hands it how to watch and withdraw
 * the ballot.
 */
export class BallotLeadership implements Leadership {
  readonly lost: AbortSignal;
  private readonly controller = new AbortController();
  private readonly watching: Promise<void>;
  private resigning: Promise<void> | undefined;
  private readonly onLeaseLost = (): void => this.end(this.lease.lost.reason);
  private readonly onClosing = (): void => this.end(this.closing.reason);

  constructor(
    private readonly election: string,
    private readonly lease: Lease,
    private readonly closing: AbortSignal,
    private readonly ballot: {
      /** Resolves when the ballot is deleted; rejects with the signal's reason once it aborts. */
      readonly watch: (signal: AbortSignal) => Promise<void>;
      /** Deletes the ballot if it is still ours. */
      readonly withdraw: () => Promise<void>;
    },
  ) {
    this.lost = this.controller.signal;
    lease.lost.addEventListener("abort", this.onLeaseLost, { once: true });
    closing.addEventListener("abort", this.onClosing, { once: true });
    // Owned here and awaited by resign; it settles by itself once leadership ends, and never rejects.
    this.watching = ballot.watch(this.lost).then(
      () =>
        this.end(
          new LeadershipLostError(
            election,
            "its ballot was deleted (its lease expired, or someone removed it)",
          ),
        ),
      (error: unknown) =>
        this.end(new LeadershipLostError(election, "its ballot could no longer be watched", error)),
    );
    if (lease.lost.aborted) this.onLeaseLost();
    if (closing.aborted) this.onClosing();
  }

  /** {@inheritDoc Leadership.resign} */
  resign(): Promise<void> {
    this.resigning ??= this.resignOnce();
    return this.resigning;
  }

  private async resignOnce(): Promise<void> {
    this.end(new LeadershipLostError(this.election, "it resigned"));
    await this.watching;
    // The ballot goes with the lease; nothing is left to withdraw.
    if (this.lease.lost.aborted) return;
    try {
      await this.ballot.withdraw();
    } catch (error) {
      this.resigning = undefined;
      throw error;
    }
  }

  private end(reason: unknown): void {
    if (this.controller.signal.aborted) return;
    this.lease.lost.removeEventListener("abort", this.onLeaseLost);
    this.closing.removeEventListener("abort", this.onClosing);
    this.controller.abort(reason);
  }
}
