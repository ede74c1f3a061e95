import { isBrokenCircuitError, noop } from "cockatiel";
import {
  ClientClosedError,
  CompareResult,
  CompareTarget,
  Etcd3,
  EtcdError,
  type Lease as EtcdLeaseHandle,
  EtcdLeaseInvalidError,
  type IEvent,
  type IKeyValue,
  type IRangeResponse,
  isRecoverableError,
  Range,
  type Watcher,
} from "etcd3";
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
import {
  CoordinationClosedError,
  CoordinationError,
  CoordinationRequestError,
  CoordinationUnavailableError,
  LeadershipLostError,
  LeaseLostError,
  WatchCompactedError,
} from "./errors.js";
import { BallotLeadership } from "./internal/ballot-leadership.js";
import { BoundedEventQueue } from "./internal/bounded-event-queue.js";
import { KeepAliveClock } from "./internal/keep-alive-clock.js";

/** The adapter's limits; every field has a default. */
export interface EtcdCoordinationStoreOptions {
  /** The deadline of each single request (not of watches or keep-alive streams). Default 5 000. */
  readonly requestTimeoutMs?: number;
  /**
   * How many watch events may wait for a slow consumer before the watch pauses its etcd watcher; it resumes
   * from the next revision once the consumer has caught up by half. Default 1 000.
   */
  readonly watchHighWaterMark?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const DEFAULT_WATCH_HIGH_WATER_MARK = 1_000;
/** Keys per range request when listing, so a large prefix never exceeds gRPC's message size limit. */
const LIST_PAGE_SIZE = 500;
/** A listing restarts when etcd compacts the revision it was paging through; this many times at most. */
const MAX_LIST_ATTEMPTS = 3;
const ZERO_BYTE = Buffer.from([0]);
/**
 * How much earlier than etcd a holder counts its lease lost (a tenth of the TTL, at most this), so that it
 * has stopped acting as leader before etcd lets anyone else lead.
 */
const MAX_LEASE_SAFETY_MARGIN_MS = 1_000;

/**
 * The coordination port on etcd v3, through the `etcd3` client. This is the only module that knows etcd.
 *
 * - Leases are etcd leases kept alive by etcd3, with one addition: `Lease.lost` aborts as soon as no
 *   keep-alive has been confirmed for a TTL (see `KeepAliveClock`), not after twice the TTL as etcd3 would.
 * - `commit` is one etcd transaction comparing each key's mod revision; etcd compares an absent key's mod
 *   revision as 0, which is what "must not exist" means in the port.
 * - Elections follow etcd's own recipe (as in its Go client's `concurrency.Election`), held by the caller's
 *   lease, so that `etcdctl elect` and Go services can observe and join the same election.
 * - Calls do not retry by themselves: etcd3's built-in retry is turned off because retrying a transaction
 *   that timed out after it applied would report a conflict for our own write. Errors carry `retriable`.
 */
export class EtcdCoordinationStore implements CoordinationStore {
  private readonly client: Etcd3;
  private readonly endpoints: readonly string[];
  private readonly watchHighWaterMark: number;
  private readonly leases = new Set<EtcdLease>();
  private readonly watchers = new Set<WatcherHandle>();
  // Aborts when the store closes, ending watches and campaigns that are still waiting.
  private readonly closing = new AbortController();
  private closed: Promise<void> | undefined;

  /**
   * @param endpoints - etcd client URLs, e.g. `["http://127.0.0.1:2379"]`; plain http only for now.
   * @param options - limits; see `EtcdCoordinationStoreOptions`.
   */
  constructor(endpoints: readonly string[], options: EtcdCoordinationStoreOptions = {}) {
    if (endpoints.length === 0) {
      throw new CoordinationRequestError("connecting", new Error("no etcd endpoints were given"));
    }
    const unsupported = endpoints.find((endpoint) => !/^(http:\/\/)?[^/]+\/?$/.test(endpoint));
    if (unsupported !== undefined) {
      throw new CoordinationRequestError(
        "connecting",
        new Error(
          `"${unsupported}" is not a plain http endpoint like "http://127.0.0.1:2379"; TLS is not supported yet`,
        ),
      );
    }
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.endpoints = [...endpoints];
    this.watchHighWaterMark = options.watchHighWaterMark ?? DEFAULT_WATCH_HIGH_WATER_MARK;
    this.client = new Etcd3({
      hosts: [...endpoints],
      // A single request gets a deadline, so a hung etcd becomes a retriable error rather than a hung
      // caller; streams (watches, keep-alives) live for as long as they are wanted.
      defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
      faultHandling: { global: noop },
    });
  }

  /** {@inheritDoc CoordinationStore.grantLease} */
  async grantLease(ttlSeconds: number): Promise<Lease> {
    const operation = "granting a lease";
    this.assertOpen(operation);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new CoordinationRequestError(
        operation,
        new RangeError(`a lease TTL must be a whole number of seconds, at least 1; got ${ttlSeconds}`),
      );
    }
    const sentAtMs = Date.now();
    const lease = new EtcdLease(this.client.lease(ttlSeconds), ttlSeconds, this.endpoints, (ended) =>
      this.leases.delete(ended),
    );
    this.leases.add(lease);
    try {
      await lease.granted(sentAtMs);
    } catch (error) {
      lease.abandon();
      throw toCoordinationError(error, this.endpoints, operation);
    }
    return lease;
  }

  /** {@inheritDoc CoordinationStore.get} */
  async get(key: string): Promise<StoredValue | undefined> {
    const operation = `reading "${key}"`;
    this.assertOpen(operation);
    try {
      const response = await this.client.get(key).exec();
      const kv = response.kvs[0];
      return kv ? toStoredValue(kv) : undefined;
    } catch (error) {
      throw toCoordinationError(error, this.endpoints, operation);
    }
  }

  /** {@inheritDoc CoordinationStore.list} */
  async list(prefix: string): Promise<Listing> {
    const operation = `listing "${prefix}"`;
    this.assertOpen(operation);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.listPages(prefix);
      } catch (error) {
        if (attempt < MAX_LIST_ATTEMPTS && isCompactedReadError(error)) continue;
        throw toCoordinationError(error, this.endpoints, operation);
      }
    }
  }

  /** {@inheritDoc CoordinationStore.put} */
  async put(key: string, value: string, options?: { lease?: Lease }): Promise<number> {
    const operation = `writing "${key}"`;
    this.assertOpen(operation);
    try {
      const response = await this.putBuilder(key, value, options?.lease).exec();
      return Number(response.header.revision);
    } catch (error) {
      throw toCoordinationError(error, this.endpoints, operation, options?.lease?.id);
    }
  }

  /** {@inheritDoc CoordinationStore.delete} */
  async delete(key: string): Promise<boolean> {
    const operation = `deleting "${key}"`;
    this.assertOpen(operation);
    try {
      const response = await this.client.delete().key(key).exec();
      return Number(response.deleted) > 0;
    } catch (error) {
      throw toCoordinationError(error, this.endpoints, operation);
    }
  }

  /** {@inheritDoc CoordinationStore.commit} */
  async commit(transaction: Transaction): Promise<CommitResult> {
    const operation = "committing a transaction";
    this.assertOpen(operation);
    const puts = transaction.puts ?? [];
    try {
      const success = await Promise.all([
        ...puts.map((put) => this.putBuilder(put.key, put.value, put.lease).op()),
        ...(transaction.deletes ?? []).map((key) => this.client.delete().key(key).op()),
      ]);
      const response = await this.client.kv.txn({
        compare: transaction.conditions.map((condition) => ({
          key: Buffer.from(condition.key),
          target: CompareTarget.Mod,
          result: CompareResult.Equal,
          mod_revision: condition.modRevision,
        })),
        success,
        failure: [],
      });
      return { succeeded: response.succeeded, revision: Number(response.header.revision) };
    } catch (error) {
      const leaseIds = puts.flatMap((put) => (put.lease ? [put.lease.id] : []));
      throw toCoordinationError(error, this.endpoints, operation, leaseIds.join(", ") || undefined);
    }
  }

  /**
   * {@inheritDoc CoordinationStore.watch}
   *
   * The iteration ends quietly when `signal` aborts, and throws `CoordinationClosedError` (after the events
   * already received) when the store closes. A consumer that falls `watchHighWaterMark` events behind pauses
   * the underlying etcd watcher instead of buffering more; see `BoundedEventQueue`.
   */
  watch(prefix: string, options: { afterRevision: number; signal: AbortSignal }): AsyncIterable<WatchEvent> {
    if (!Number.isInteger(options.afterRevision) || options.afterRevision < 0) {
      throw new CoordinationRequestError(
        `watching "${prefix}"`,
        new RangeError(`afterRevision must be a whole number, at least 0; got ${options.afterRevision}`),
      );
    }
    return this.follow(prefix, options.afterRevision, options.signal);
  }

  /**
   * {@inheritDoc CoordinationStore.campaign}
   *
   * The recipe: the candidate's ballot is the key `<election>/<lease id in hex>`, written under its lease
   * only if absent. Ballots are served in create-revision order: a candidate leads once no ballot created
   * before its own remains, and meanwhile waits for the deletion of the ballot just ahead of it (not of the
   * leader's, so a lost leader wakes one candidate, not all). One campaign per lease per election at a
   * time: a second campaign with the same lease adopts the same ballot.
   *
   * Rejects with `signal.reason` when `signal` aborts, with `LeaseLostError` when the lease ends, and with
   * `CoordinationClosedError` when the store closes; in each case the ballot is withdrawn first.
   */
  async campaign(
    election: string,
    candidate: string,
    lease: Lease,
    options: { signal: AbortSignal },
  ): Promise<Leadership> {
    const operation = `campaigning for "${election}" as "${candidate}"`;
    this.assertOpen(operation);
    const key = ballotKey(election, lease.id);
    const stop = AbortSignal.any([options.signal, lease.lost, this.closing.signal]);
    let createRevision: number | undefined;
    try {
      stop.throwIfAborted();
      createRevision = await this.placeBallot(key, candidate, lease);
      await this.waitForTurn(election, createRevision, stop);
      const checkedAt = await this.checkBallot(election, key, createRevision);
      stop.throwIfAborted();
      const ballot = { key, createRevision };
      return new BallotLeadership(election, lease, this.closing.signal, {
        watch: (signal) => this.waitForDeletion(Buffer.from(key), checkedAt + 1, signal, operation),
        withdraw: () => this.withdrawBallot(ballot, `resigning "${election}" as "${candidate}"`),
      });
    } catch (error) {
      if (createRevision !== undefined && !lease.lost.aborted) {
        // A ballot left behind under a live lease would win the election for a candidate nobody runs.
        try {
          await this.withdrawBallot({ key, createRevision }, `withdrawing "${candidate}" from "${election}"`);
        } catch (withdrawError) {
          throw new CoordinationUnavailableError(
            this.endpoints,
            `withdrawing "${candidate}" from "${election}" after its campaign stopped (revoke lease ${lease.id} so that it cannot win)`,
            new AggregateError([error, withdrawError]),
          );
        }
      }
      if (stop.aborted && error === stop.reason) throw error;
      throw toCoordinationError(error, this.endpoints, operation, lease.id);
    }
  }

  /** {@inheritDoc CoordinationStore.leader} */
  async leader(election: string): Promise<string | undefined> {
    const operation = `reading the leader of "${election}"`;
    this.assertOpen(operation);
    try {
      const response = await this.client
        .getAll()
        .prefix(electionPrefix(election))
        .sort("Create", "Ascend")
        .limit(1)
        .exec();
      return response.kvs[0]?.value.toString();
    } catch (error) {
      throw toCoordinationError(error, this.endpoints, operation);
    }
  }

  /**
   * {@inheritDoc CoordinationStore.close}
   *
   * Ends watches and campaigns, revokes the leases (so their keys and ballots go now rather than after their
   * TTL), then closes the connections. Rejects, after closing, if some lease could not be revoked: such a
   * lease still expires by its TTL. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closed ??= this.closeOnce();
    return this.closed;
  }

  private async closeOnce(): Promise<void> {
    this.closing.abort(new CoordinationClosedError("closing the store"));
    const revoked = await Promise.allSettled([...this.leases].map((lease) => lease.revoke()));
    // Cancel what is still attached, so that etcd3 has no watcher left to reconnect once closed.
    await Promise.all([...this.watchers].map((watcher) => watcher.stop()));
    this.client.close();
    const failures = revoked.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    if (failures.length > 0) {
      throw new CoordinationUnavailableError(
        this.endpoints,
        `revoking ${failures.length} lease(s) on close (they expire by their TTL)`,
        new AggregateError(failures),
      );
    }
  }

  private assertOpen(operation: string): void {
    if (this.closing.signal.aborted) throw new CoordinationClosedError(operation);
  }

  private putBuilder(key: string, value: string, lease: Lease | undefined) {
    const builder = this.client.put(key).value(value);
    return lease ? builder.lease(lease.id) : builder;
  }

  // Reads the first page, then the rest at the first page's revision, so the listing is one snapshot.
  private async listPages(prefix: string): Promise<Listing> {
    const range = Range.prefix(prefix);
    let page: IRangeResponse = await this.client.getAll().inRange(range).limit(LIST_PAGE_SIZE).exec();
    const revision = page.header.revision;
    const items = page.kvs.map(toStoredValue);
    for (let lastKey = page.kvs.at(-1)?.key; page.more && lastKey; lastKey = page.kvs.at(-1)?.key) {
      page = await this.client
        .getAll()
        .inRange(new Range(Buffer.concat([lastKey, ZERO_BYTE]), range.end))
        .revision(revision)
        .limit(LIST_PAGE_SIZE)
        .exec();
      items.push(...page.kvs.map(toStoredValue));
    }
    return { items, revision: Number(revision) };
  }

  private async *follow(
    prefix: string,
    afterRevision: number,
    signal: AbortSignal,
  ): AsyncGenerator<WatchEvent, void, undefined> {
    this.assertOpen(`watching "${prefix}"`);
    // The next revision the consumer has not been handed yet: where a resumed or reconnected watcher starts.
    let nextRevision = afterRevision + 1;
    let current: WatcherHandle | undefined;
    const stopping: Promise<void>[] = [];
    const halt = (): void => {
      const handle = current;
      current = undefined;
      if (handle) stopping.push(handle.stop());
    };
    const start = (): void => {
      const handle = this.attach(
        this.client.watch().prefix(prefix).startRevision(String(nextRevision)).watcher(),
      );
      current = handle;
      handle.watcher.on("data", (response) => {
        // A paused watcher may still deliver a batch or two; the resumed one fetches them again.
        if (current !== handle) return;
        const events = response.events.map(toWatchEvent);
        const last = events.at(-1);
        // An empty batch is a progress notification, which etcd sends only to a watcher that has caught up;
        // a non-empty batch's header may be ahead of what it carries while the watcher is catching up.
        nextRevision = last
          ? last.modRevision + 1
          : Math.max(nextRevision, Number(response.header.revision) + 1);
        queue.push(events);
      });
      handle.watcher.on("disconnected", () => {
        // etcd3 reconnects from the revision after the last header it saw, which skips events when that
        // header was ahead of the events (while catching up); restart from what was actually delivered.
        handle.watcher.request.start_revision = nextRevision;
      });
      handle.watcher.on("error", (error) => {
        if (current !== handle) return;
        current = undefined;
        queue.fail(this.toWatchError(error, prefix, nextRevision));
      });
    };
    const queue = new BoundedEventQueue<WatchEvent>({
      highWaterMark: this.watchHighWaterMark,
      lowWaterMark: Math.floor(this.watchHighWaterMark / 2),
      pause: halt,
      resume: start,
    });
    const onClosing = (): void => {
      halt();
      queue.fail(new CoordinationClosedError(`watching "${prefix}"`));
    };
    this.closing.signal.addEventListener("abort", onClosing, { once: true });
    try {
      start();
      yield* queue.drain(signal);
    } finally {
      this.closing.signal.removeEventListener("abort", onClosing);
      halt();
      await Promise.all(stopping);
    }
  }

  private toWatchError(error: unknown, prefix: string, fromRevision: number): CoordinationError {
    // etcd cancels a watch on compacted revisions with compact_revision set and no reason, and etcd3 passes on
    // only the reason; no other cancellation comes without one.
    if (error instanceof EtcdError && /^Watcher canceled: *$|compacted/.test(error.message)) {
      return new WatchCompactedError(prefix, fromRevision, error);
    }
    return toCoordinationError(error, this.endpoints, `watching "${prefix}"`);
  }

  private attach(watcher: Watcher): WatcherHandle {
    const handle = new WatcherHandle(watcher, () => this.watchers.delete(handle));
    this.watchers.add(handle);
    return handle;
  }

  // Writes the ballot if this lease has none here yet; resolves its create revision, its place in line.
  private async placeBallot(key: string, candidate: string, lease: Lease): Promise<number> {
    const response = await this.client.kv.txn({
      compare: [
        {
          key: Buffer.from(key),
          target: CompareTarget.Create,
          result: CompareResult.Equal,
          create_revision: 0,
        },
      ],
      success: [await this.client.put(key).value(candidate).lease(lease.id).op()],
      failure: [await this.client.get(key).op()],
    });
    if (response.succeeded) return Number(response.header.revision);
    const existing = response.responses[0]?.response_range.kvs[0];
    if (!existing) throw new LeaseLostError(lease.id, `its ballot "${key}" vanished while it was placed`);
    // The lease already holds a ballot (an earlier campaign was interrupted): keep its place in line, as
    // etcd's Go client does, and make sure it names this candidate.
    const createRevision = Number(existing.create_revision);
    if (existing.value.toString() !== candidate) {
      const renamed = await this.client.kv.txn({
        compare: [
          {
            key: Buffer.from(key),
            target: CompareTarget.Create,
            result: CompareResult.Equal,
            create_revision: createRevision,
          },
        ],
        success: [await this.client.put(key).value(candidate).lease(lease.id).op()],
        failure: [],
      });
      if (!renamed.succeeded)
        throw new LeaseLostError(lease.id, `its ballot "${key}" vanished while it was placed`);
    }
    return createRevision;
  }

  private async waitForTurn(election: string, createRevision: number, stop: AbortSignal): Promise<void> {
    for (;;) {
      stop.throwIfAborted();
      const ahead = await this.client
        .getAll()
        .prefix(electionPrefix(election))
        .maxCreateRevision(createRevision - 1)
        .sort("Create", "Descend")
        .limit(1)
        .exec();
      const predecessor = ahead.kvs[0];
      if (!predecessor) return;
      await this.waitForDeletion(
        predecessor.key,
        Number(ahead.header.revision) + 1,
        stop,
        `waiting for "${predecessor.key.toString()}" in "${election}"`,
      );
    }
  }

  // Resolves the revision at which the ballot was seen still in place, or throws if it is gone.
  private async checkBallot(election: string, key: string, createRevision: number): Promise<number> {
    const response = await this.client.get(key).exec();
    const ballot = response.kvs[0];
    if (!ballot || Number(ballot.create_revision) !== createRevision) {
      throw new LeadershipLostError(election, `its ballot "${key}" was deleted before it could lead`);
    }
    return Number(response.header.revision);
  }

  private async withdrawBallot(
    ballot: { key: string; createRevision: number },
    operation: string,
  ): Promise<void> {
    try {
      // Only our ballot: if the lease ended and the key was written again since, it is someone else's.
      await this.client.kv.txn({
        compare: [
          {
            key: Buffer.from(ballot.key),
            target: CompareTarget.Create,
            result: CompareResult.Equal,
            create_revision: ballot.createRevision,
          },
        ],
        success: [await this.client.delete().key(ballot.key).op()],
        failure: [],
      });
    } catch (error) {
      throw toCoordinationError(error, this.endpoints, operation);
    }
  }

  // Resolves once `key` is deleted at or after `fromRevision`; rejects with `stop.reason` if it aborts first.
  private async waitForDeletion(
    key: Buffer,
    fromRevision: number,
    stop: AbortSignal,
    operation: string,
  ): Promise<void> {
    stop.throwIfAborted();
    const handle = this.attach(
      this.client.watch().key(key).startRevision(String(fromRevision)).only("delete").watcher(),
    );
    let onAbort: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        onAbort = () => reject(stop.reason);
        stop.addEventListener("abort", onAbort, { once: true });
        handle.watcher.on("delete", () => resolve());
        handle.watcher.on("error", (error) => reject(toCoordinationError(error, this.endpoints, operation)));
        handle.watcher.on("disconnected", () => {
          // No deletion was seen yet, so reconnecting from the first revision asked for misses nothing.
          handle.watcher.request.start_revision = fromRevision;
        });
      });
    } finally {
      if (onAbort) stop.removeEventListener("abort", onAbort);
      await handle.stop();
    }
  }
}

/** An etcd lease kept alive by etcd3, whose loss is reported through an AbortSignal. */
class EtcdLease implements Lease {
  readonly lost: AbortSignal;
  private grantedId = "";
  private readonly controller = new AbortController();
  private readonly clock: KeepAliveClock;
  private revoking: Promise<void> | undefined;

  constructor(
    private readonly handle: EtcdLeaseHandle,
    private readonly ttlSeconds: number,
    private readonly endpoints: readonly string[],
    private readonly ended: (lease: EtcdLease) => void,
  ) {
    this.lost = this.controller.signal;
    this.clock = new KeepAliveClock(
      () =>
        this.end(new LeaseLostError(this.id, `no keep-alive was confirmed within its ${ttlSeconds} s TTL`)),
      { safetyMarginMs: Math.min(MAX_LEASE_SAFETY_MARGIN_MS, (ttlSeconds * 1000) / 10) },
    );
    handle.on("keepaliveEstablished", () => this.clock.streamReplaced());
    handle.on("keepaliveFailed", () => this.clock.streamReplaced());
    handle.on("keepaliveFired", () => this.clock.sent());
    handle.on("keepaliveSucceeded", (response) => this.clock.answered(Number(response.TTL) * 1000));
    handle.on("lost", (error) =>
      this.end(new LeaseLostError(this.id, "etcd reports it expired or revoked", error)),
    );
  }

  /** {@inheritDoc Lease.id} */
  get id(): string {
    return this.grantedId || "(not granted)";
  }

  /** Waits for the grant whose request was sent at `sentAtMs`, and starts counting its TTL from then. */
  async granted(sentAtMs: number): Promise<void> {
    this.grantedId = await this.handle.grant();
    this.clock.start(sentAtMs, this.ttlSeconds * 1000);
  }

  /** Stops keeping a lease alive that was never handed out. */
  abandon(): void {
    this.end(new LeaseLostError(this.id, "it could not be granted"));
  }

  /** {@inheritDoc Lease.revoke} */
  revoke(): Promise<void> {
    this.revoking ??= this.revokeOnce();
    return this.revoking;
  }

  private async revokeOnce(): Promise<void> {
    // Lost first: the holder stops acting on the lease before its keys vanish for everyone else.
    this.end(new LeaseLostError(this.id, "it was revoked"));
    try {
      await this.handle.revoke();
    } catch (error) {
      // Let a later call try again; meanwhile the lease expires by its TTL, since keep-alives have stopped.
      this.revoking = undefined;
      throw toCoordinationError(error, this.endpoints, `revoking lease ${this.id}`);
    }
  }

  private end(reason: LeaseLostError): void {
    if (this.controller.signal.aborted) return;
    this.clock.stop();
    // Never revive a lease we have declared lost: keys under it must be treated as gone.
    this.handle.release();
    this.ended(this);
    this.controller.abort(reason);
  }
}

/** One etcd3 watcher, cancelled at most once: etcd never answers a second cancel, and etcd3 would wait forever. */
class WatcherHandle {
  private stopping: Promise<void> | undefined;
  private isDead = false;
  private readonly died: Promise<void>;

  constructor(
    readonly watcher: Watcher,
    private readonly detached: () => void,
  ) {
    this.died = new Promise<void>((resolve) => {
      watcher.once("error", () => {
        // etcd (or etcd3) already dropped this watcher; cancelling it would wait for an answer that never comes.
        this.isDead = true;
        this.detached();
        resolve();
      });
    });
  }

  /** Cancels the watcher, unless etcd already has. */
  stop(): Promise<void> {
    this.stopping ??= this.isDead
      ? Promise.resolve()
      : Promise.race([this.watcher.cancel(), this.died]).finally(() => this.detached());
    return this.stopping;
  }
}

function toStoredValue(kv: IKeyValue): StoredValue {
  return { key: kv.key.toString(), value: kv.value.toString(), modRevision: Number(kv.mod_revision) };
}

function toWatchEvent(event: IEvent): WatchEvent {
  const key = event.kv.key.toString();
  const modRevision = Number(event.kv.mod_revision);
  return event.type === "Delete"
    ? { type: "delete", key, modRevision }
    : { type: "put", key, value: event.kv.value.toString(), modRevision };
}

function electionPrefix(election: string): string {
  return `${election}/`;
}

// Hex lease ids, as etcd's Go client writes them, so that Go candidates and `etcdctl elect` interoperate.
function ballotKey(election: string, leaseId: string): string {
  return `${electionPrefix(election)}${BigInt(leaseId).toString(16)}`;
}

function isCompactedReadError(error: unknown): boolean {
  return error instanceof Error && error.message.includes("required revision has been compacted");
}

/** Normalizes whatever etcd3 threw, once, at the adapter's edge. */
function toCoordinationError(
  error: unknown,
  endpoints: readonly string[],
  operation: string,
  leaseId?: string,
): CoordinationError {
  if (error instanceof CoordinationError) return error;
  if (error instanceof EtcdLeaseInvalidError) {
    return new LeaseLostError(leaseId ?? "(unknown)", `etcd no longer knows it, while ${operation}`, error);
  }
  if (error instanceof ClientClosedError) return new CoordinationClosedError(operation);
  if (isBrokenCircuitError(error) || (error instanceof Error && isRecoverableError(error))) {
    return new CoordinationUnavailableError(endpoints, operation, error);
  }
  return new CoordinationRequestError(operation, error);
}
