import { ProtocolError } from "./protocol-errors.js";

/**
 * The credit a source stream holds: batches the worker has granted and the service has not yet used.
 * The rule it keeps is the contract's: batches sent never exceed the sum of credits received.
 */
export class CreditWindow {
  private available = 0;
  private waiter: (() => void) | undefined;

  /** How many more batches may be sent now. */
  get remaining(): number {
    return this.available;
  }

  /** Adds the credit of one ReadCredit message; the contract says it grants at least one batch. */
  grant(batches: number): void {
    if (!Number.isSafeInteger(batches) || batches < 1) {
      throw new ProtocolError(`a ReadCredit must grant at least 1 batch, not ${batches}`);
    }
    this.available += batches;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** Uses one batch of credit; throws if there is none, since sending then would break the contract. */
  take(): void {
    if (this.available < 1) throw new Error("no credit left to send a batch; wait for credit first");
    this.available -= 1;
  }

  /** Resolves once at least one batch of credit is available; rejects with the signal's reason on abort. */
  async waitForCredit(signal: AbortSignal): Promise<void> {
    while (this.available < 1) {
      signal.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          this.waiter = undefined;
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        this.waiter = () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
      });
    }
  }
}
