import type {
  CommitResult,
  CoordinationStore,
  Leadership,
  Lease,
  Listing,
  StoredValue,
  Transaction,
  WatchEvent,
} from "../coordination-store.js";

/**
 * The coordination port in memory, for unit tests: revisions, conditional commits, prefix listings and
 * watches as etcd keeps them (one revision per transaction; a watch delivers every change after its
 * revision, in order), so the code under test runs against the real cluster-state stores and service
 * registry. Leases passed to writes are accepted and ignored (nothing expires); granting leases, elections
 * and closing are not kept and reject.
 */
export class InMemoryCoordinationStore implements CoordinationStore {
  private revision = 0;
  private readonly values = new Map<string, StoredValue>();
  private readonly history: WatchEvent[] = [];
  private readonly waiters = new Set<() => void>();

  async get(key: string): Promise<StoredValue | undefined> {
    return this.values.get(key);
  }

  async list(prefix: string): Promise<Listing> {
    const items = [...this.values.values()]
      .filter((item) => item.key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { items, revision: this.revision };
  }

  async put(key: string, value: string): Promise<number> {
    return this.apply([{ key, value }], []);
  }

  async delete(key: string): Promise<boolean> {
    if (!this.values.has(key)) return false;
    this.apply([], [key]);
    return true;
  }

  async commit(transaction: Transaction): Promise<CommitResult> {
    const holds = transaction.conditions.every(
      ({ key, modRevision }) => (this.values.get(key)?.modRevision ?? 0) === modRevision,
    );
    if (!holds) return { succeeded: false, revision: this.revision };
    return { succeeded: true, revision: this.apply(transaction.puts ?? [], transaction.deletes ?? []) };
  }

  async *watch(
    prefix: string,
    options: { afterRevision: number; signal: AbortSignal },
  ): AsyncGenerator<WatchEvent> {
    let seen = options.afterRevision;
    while (!options.signal.aborted) {
      const pending = this.history.filter((e) => e.modRevision > seen && e.key.startsWith(prefix));
      if (pending.length === 0) {
        await this.nextChange(options.signal);
        continue;
      }
      for (const event of pending) {
        seen = event.modRevision;
        yield event;
      }
    }
  }

  grantLease(): Promise<Lease> {
    return notUsed();
  }
  campaign(): Promise<Leadership> {
    return notUsed();
  }
  leader(): Promise<string | undefined> {
    return notUsed();
  }
  close(): Promise<void> {
    return notUsed();
  }

  /** Applies writes at one new revision, as etcd does for a transaction, and wakes the watches. */
  private apply(puts: readonly { key: string; value: string }[], deletes: readonly string[]): number {
    this.revision += 1;
    const modRevision = this.revision;
    for (const { key, value } of puts) {
      this.values.set(key, { key, value, modRevision });
      this.history.push({ type: "put", key, value, modRevision });
    }
    for (const key of deletes) {
      if (this.values.delete(key)) this.history.push({ type: "delete", key, modRevision });
    }
    for (const wake of [...this.waiters]) wake();
    return modRevision;
  }

  private nextChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener("abort", wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener("abort", wake, { once: true });
    });
  }
}

function notUsed(): Promise<never> {
  return Promise.reject(new Error("the in-memory coordination store keeps no leases or elections"));
}
