import {
  CompareResult,
  CompareTarget,
  Etcd3,
  type Lease as EtcdLease,
  type IKeyValue,
  type IRequestOp,
  SortOrder,
  SortTarget,
} from "etcd3";
import { AsyncQueue } from "./async-queue.js";
import type {
  CommitResult,
  CoordinationStore,
  Leadership,
  Lease,
  Listing,
  StoredValue,
  Transaction,
  WatchEvent,
} from "./coordination-store.js";
import { CoordinationError, CoordinationUnavailableError, WatchCompactedError } from "./errors.js";

/** How far a watch consumer may fall behind before it must re-list (see AsyncQueue). */
const WATCH_QUEUE_CAPACITY = 10_000;

/**
 * The coordination port on etcd v3, the only module that knows etcd3. Elections follow etcd's own
 * concurrency recipe: each candidate puts `<election>/<lease id>` under its lease; the key with the lowest
 * create revision leads, and every other candidate waits for the deletion of the key just ahead of it, so
 * a lost leader wakes exactly one successor.
 */
export class EtcdCoordinationStore implements CoordinationStore {
  private readonly client: Etcd3;
  private readonly leases = new Set<EtcdLeaseHandle>();

  constructor(private readonly endpoints: readonly string[]) {
    this.client = new Etcd3({ hosts: [...endpoints], dialTimeout: 5_000 });
  }

  async grantLease(ttlSeconds: number): Promise<Lease> {
    const lease = this.client.lease(ttlSeconds, { autoKeepAlive: true });
    const id = await this.call(() => lease.grant());
    const handle = new EtcdLeaseHandle(id, lease, () => this.leases.delete(handle));
    this.leases.add(handle);
    return handle;
  }

  async get(key: string): Promise<StoredValue | undefined> {
    const response = await this.call(() => this.client.get(key).exec());
    const kv = response.kvs[0];
    return kv ? toStoredValue(kv) : undefined;
  }

  async list(prefix: string): Promise<Listing> {
    const response = await this.call(() => this.client.getAll().prefix(prefix).sort("Key", "Ascend").exec());
    return { items: response.kvs.map(toStoredValue), revision: Number(response.header.revision) };
  }

  async put(key: string, value: string, options: { lease?: Lease } = {}): Promise<number> {
    const response = await this.call(() =>
      this.client.kv.put({ key: Buffer.from(key), value: Buffer.from(value), lease: options.lease?.id }),
    );
    return Number(response.header.revision);
  }

  async delete(key: string): Promise<boolean> {
    const response = await this.call(() => this.client.delete().key(key).exec());
    return Number(response.deleted) > 0;
  }

  async commit(transaction: Transaction): Promise<CommitResult> {
    const success: IRequestOp[] = [
      ...(transaction.puts ?? []).map((put) => ({
        request_put: { key: Buffer.from(put.key), value: Buffer.from(put.value), lease: put.lease?.id },
      })),
      ...(transaction.deletes ?? []).map((key) => ({ request_delete_range: { key: Buffer.from(key) } })),
    ];
    const response = await this.call(() =>
      this.client.kv.txn({
        // etcd treats an absent key's mod revision as 0, so `modRevision: 0` means "must not exist".
        compare: transaction.conditions.map((condition) => ({
          key: Buffer.from(condition.key),
          target: CompareTarget.Mod,
          result: CompareResult.Equal,
          mod_revision: condition.modRevision,
        })),
        success,
        failure: [],
      }),
    );
    return { succeeded: response.succeeded, revision: Number(response.header.revision) };
  }

  async *watch(
    prefix: string,
    options: { afterRevision: number; signal: AbortSignal },
  ): AsyncIterable<WatchEvent> {
    options.signal.throwIfAborted();
    const queue = new AsyncQueue<WatchEvent>(
      WATCH_QUEUE_CAPACITY,
      () => new WatchCompactedError(prefix, "the consumer fell behind"),
    );
    const watcher = await this.call(() =>
      this.client
        .watch()
        .prefix(prefix)
        .startRevision(String(options.afterRevision + 1))
        .create(),
    );
    watcher.on("put", (kv) => queue.push({ type: "put", ...toStoredValue(kv) }));
    watcher.on("delete", (kv) =>
      queue.push({ type: "delete", key: kv.key.toString(), modRevision: Number(kv.mod_revision) }),
    );
    watcher.on("error", (error: Error) =>
      queue.fail(
        /compact/i.test(error.message)
          ? new WatchCompactedError(prefix, "the revisions asked for were compacted", error)
          : new CoordinationUnavailableError(this.endpoints, error),
      ),
    );
    const stop = () => queue.end();
    options.signal.addEventListener("abort", stop, { once: true });
    try {
      yield* queue.drain();
    } finally {
      options.signal.removeEventListener("abort", stop);
      await watcher.cancel().catch(() => undefined);
    }
  }

  async campaign(
    election: string,
    candidate: string,
    lease: Lease,
    options: { signal: AbortSignal },
  ): Promise<Leadership> {
    const key = `${election}/${lease.id}`;
    const created = await this.call(() =>
      this.client.kv.txn({
        compare: [
          {
            key: Buffer.from(key),
            target: CompareTarget.Create,
            result: CompareResult.Equal,
            create_revision: 0,
          },
        ],
        success: [{ request_put: { key: Buffer.from(key), value: Buffer.from(candidate), lease: lease.id } }],
        failure: [{ request_range: { key: Buffer.from(key) } }],
      }),
    );
    const ownRevision = created.succeeded
      ? Number(created.header.revision)
      : Number(created.responses[0]?.response_range.kvs[0]?.create_revision ?? 0);
    const signal = AbortSignal.any([options.signal, lease.lost]);
    try {
      await this.waitUntilFirst(election, ownRevision, signal);
    } catch (error) {
      await this.client
        .delete()
        .key(key)
        .exec()
        .catch(() => undefined);
      throw error;
    }
    return this.holdLeadership(key, lease);
  }

  async leader(election: string): Promise<string | undefined> {
    const response = await this.call(() =>
      this.client.getAll().prefix(`${election}/`).sort("Create", "Ascend").limit(1).exec(),
    );
    return response.kvs[0]?.value.toString();
  }

  async close(): Promise<void> {
    await Promise.all([...this.leases].map((lease) => lease.revoke()));
    this.client.close();
  }

  /** Waits until no candidate key of `election` was created before ours. */
  private async waitUntilFirst(election: string, ownRevision: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const ahead = await this.call(() =>
        this.client.kv.range({
          key: Buffer.from(`${election}/`),
          range_end: prefixEnd(`${election}/`),
          max_create_revision: ownRevision - 1,
          sort_order: SortOrder.Descend,
          sort_target: SortTarget.Create,
          limit: 1,
        }),
      );
      const predecessor = ahead.kvs[0];
      if (!predecessor) return;
      await this.waitForDeletion(predecessor.key.toString(), Number(ahead.header.revision), signal);
    }
  }

  private async waitForDeletion(key: string, afterRevision: number, signal: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const both = AbortSignal.any([signal, stop.signal]);
    try {
      for await (const event of this.watch(key, { afterRevision, signal: both })) {
        if (event.type === "delete" && event.key === key) return;
      }
      signal.throwIfAborted();
    } finally {
      stop.abort();
    }
  }

  /** Leadership ends on resign, when the lease ends, or when our candidate key is deleted by anyone. */
  private holdLeadership(key: string, lease: Lease): Leadership {
    const ended = new AbortController();
    const lost = AbortSignal.any([ended.signal, lease.lost]);
    const watching = (async () => {
      const own = await this.get(key);
      if (!own) return;
      for await (const event of this.watch(key, { afterRevision: own.modRevision, signal: lost })) {
        if (event.type === "delete" && event.key === key) return;
      }
    })();
    // Any failure to watch (etcd unreachable) means we cannot prove we still lead: give it up.
    watching.then(
      () => ended.abort(new CoordinationError(`leadership key ${key} was deleted`, { retriable: true })),
      (error: unknown) => ended.abort(error),
    );
    return {
      lost,
      resign: async () => {
        ended.abort(new CoordinationError("resigned", { retriable: false }));
        await this.call(() => this.client.delete().key(key).exec());
      },
    };
  }

  /** Runs one etcd call, turning connection failures into CoordinationUnavailableError. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof CoordinationError) throw error;
      throw new CoordinationUnavailableError(this.endpoints, error);
    }
  }
}

/** One granted lease, kept alive by etcd3, whose loss aborts `lost`. */
class EtcdLeaseHandle implements Lease {
  private readonly lostController = new AbortController();
  readonly lost = this.lostController.signal;

  constructor(
    readonly id: string,
    private readonly lease: EtcdLease,
    private readonly forget: () => void,
  ) {
    lease.on("lost", (error) => this.lostController.abort(error));
  }

  async revoke(): Promise<void> {
    this.forget();
    if (!this.lease.revoked()) await this.lease.revoke().catch(() => undefined);
    this.lostController.abort(new CoordinationError(`lease ${this.id} was revoked`, { retriable: false }));
  }
}

function toStoredValue(kv: IKeyValue): StoredValue {
  return { key: kv.key.toString(), value: kv.value.toString(), modRevision: Number(kv.mod_revision) };
}

/** The end of the key range holding every key that starts with `prefix`, as etcd's clientv3.GetPrefixRangeEnd. */
function prefixEnd(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    const byte = end[i] ?? 0;
    if (byte < 0xff) {
      end[i] = byte + 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}
