/**
 * Coalesces many "something changed" cues into as few runs as needed: cues that arrive while a run is in
 * progress cause exactly one more run afterwards.
 */
export class WakeUp {
  private isPending = false;
  private waiter: (() => void) | undefined;

  /** Asks for a run. */
  cue(): void {
    this.isPending = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** Resolves when a run was asked for since the last call (at once if one already was). */
  async next(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (!this.isPending) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        this.waiter = () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
        signal.addEventListener("abort", onAbort, { once: true });
      });
    }
    this.isPending = false;
  }
}
