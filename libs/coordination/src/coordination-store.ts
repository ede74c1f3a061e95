/**
 * The coordination port: everything connect-mesh needs from a coordination store (etcd today), and
 * nothing more, so that another store (Consul, say) is one adapter file plus the same port test suite.
 *
 * The model, which every adapter must keep:
 * - Keys and values are strings. Every write gets a cluster-wide, increasing revision; a key remembers the
 *   revision of its last write (`modRevision`, 0 when it does not exist).
 * - A lease lives while its holder keeps it alive. Keys written under a lease vanish when it ends, and
 *   the holder learns of the loss through `Lease.lost`. This is how dead processes disappear.
 * - Conditional writes compare revisions, so two writers that read the same state cannot both win.
 * - Watches deliver every change after a given revision, in order, with no gaps; a consumer that lists
 *   at revision R and watches from R + 1 misses nothing.
 * - Elections are held by a lease: exactly one campaigner leads at a time, and leadership ends when its
 *   lease ends.
 */
export interface CoordinationStore {
  /** Grants a lease and keeps it alive until it is revoked, the store is closed, or keep-alives fail past its TTL. */
  grantLease(ttlSeconds: number): Promise<Lease>;

  /** Reads one key; undefined when it does not exist. Linearizable. */
  get(key: string): Promise<StoredValue | undefined>;

  /** Reads every key under a prefix, in key order, with the store's revision at the time of the read. */
  list(prefix: string): Promise<Listing>;

  /** Writes a key unconditionally, optionally attached to a lease; returns the write's revision. */
  put(key: string, value: string, options?: { lease?: Lease }): Promise<number>;

  /** Deletes a key unconditionally; returns whether it existed. */
  delete(key: string): Promise<boolean>;

  /**
   * Applies all writes atomically if every condition holds, and none of them otherwise. A condition names a
   * key and the `modRevision` it must still have (0: the key must not exist).
   */
  commit(transaction: Transaction): Promise<CommitResult>;

  /**
   * Streams changes under a prefix, starting after `afterRevision` (so nothing between a `list` and the watch
   * is missed), until `signal` aborts. The iterator throws `WatchCompactedError` when the store has already
   * discarded the revisions asked for; the caller must list again.
   */
  watch(prefix: string, options: { afterRevision: number; signal: AbortSignal }): AsyncIterable<WatchEvent>;

  /**
   * Campaigns for leadership of `election` as `candidate`, held by `lease`. Resolves once this candidate
   * leads; rejects if `signal` aborts first. Leadership ends when `Leadership.resign` is called or the lease ends.
   */
  campaign(
    election: string,
    candidate: string,
    lease: Lease,
    options: { signal: AbortSignal },
  ): Promise<Leadership>;

  /** The current leader's candidate name, or undefined when nobody leads. */
  leader(election: string): Promise<string | undefined>;

  /** Revokes the leases this store granted and closes its connections. */
  close(): Promise<void>;
}

/** A lease kept alive in the background while its holder lives. */
export interface Lease {
  /** The store's id for the lease. */
  readonly id: string;
  /** Aborts when the lease is lost: revoked, expired, or its keep-alives failed for longer than its TTL. */
  readonly lost: AbortSignal;
  /** Ends the lease now; keys attached to it are deleted. Safe to call more than once. */
  revoke(): Promise<void>;
}

/** A key's value and the revision of its last write. */
export interface StoredValue {
  readonly key: string;
  readonly value: string;
  /** The revision of the key's last write; pass it to a transaction's condition to write only if unchanged. */
  readonly modRevision: number;
}

/** The keys under a prefix at one revision. */
export interface Listing {
  readonly items: readonly StoredValue[];
  /** The store's revision when the listing was read; watch after it to follow what comes next. */
  readonly revision: number;
}

/** Conditional, atomic writes. */
export interface Transaction {
  /** Every condition must hold for the writes to apply. */
  readonly conditions: readonly { readonly key: string; readonly modRevision: number }[];
  /** Keys to write. */
  readonly puts?: readonly { readonly key: string; readonly value: string; readonly lease?: Lease }[];
  /** Keys to delete. */
  readonly deletes?: readonly string[];
}

/** Whether a transaction applied, and at which revision. */
export interface CommitResult {
  readonly succeeded: boolean;
  /** The revision of the writes when they applied; the store's revision otherwise. */
  readonly revision: number;
}

/** One change seen by a watch. */
export type WatchEvent =
  | { readonly type: "put"; readonly key: string; readonly value: string; readonly modRevision: number }
  | { readonly type: "delete"; readonly key: string; readonly modRevision: number };

/** A won election. */
export interface Leadership {
  /** Aborts when leadership ends for any reason (resigned, lease lost). */
  readonly lost: AbortSignal;
  /** Gives up leadership so that another candidate can win; the lease stays alive. */
  resign(): Promise<void>;
}
