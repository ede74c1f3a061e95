import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinationStore, Lease, WatchEvent } from "../src/coordination-store.js";
import { CoordinationError } from "../src/errors.js";
import type { InvalidServiceEntry, ServiceInstance } from "../src/service-instance.js";
import { ServiceRegistry } from "../src/service-registry.js";

/** Short leases keep the expiry tests quick; etcd's minimum TTL is below this. */
const TTL_SECONDS = 2;
/** Long enough for a lease to expire and the store to notice, with room for a slow machine. */
const EXPIRY_TIMEOUT_MS = 20_000;

/**
 * The port test suite: every adapter of `CoordinationStore` must pass it against a real store.
 *
 * @param name - the adapter's name, for the test titles.
 * @param open - connects a new client; each call is a separate client, as separate processes would be.
 * @param campaignerCommand - how to start a separate process that campaigns and registers through the same
 *   adapter (see fixtures/campaigner.ts), given `<election> <candidate> <registry root> <ttl seconds>`; the
 *   suite kills it with SIGKILL to prove that a dead holder's lease ends its leadership.
 */
export function describeCoordinationStore(
  name: string,
  open: () => Promise<CoordinationStore>,
  campaignerCommand: (args: readonly string[]) => { command: string; args: string[] },
): void {
  describe(`${name} as a CoordinationStore`, () => {
    let store: CoordinationStore;
    let other: CoordinationStore;

    beforeAll(async () => {
      store = await open();
      other = await open();
    });

    afterAll(async () => {
      await store.close();
      await other.close();
    });

    // Every test writes under its own prefix, so tests never collide, even on a shared store.
    const freshPrefix = (): string => `/connect-mesh-test/${randomUUID()}/`;
    // A cluster root, as callers pass it: no trailing slash.
    const freshRoot = (): string => `/connect-mesh-test/${randomUUID()}`;
    const forever = (): AbortSignal => new AbortController().signal;

    describe("keys and values", () => {
      it("puts, gets, lists in key order and deletes", async () => {
        const p = freshPrefix();
        const revision = await store.put(`${p}b`, "2");
        await store.put(`${p}a`, "1");
        await store.put(`${p.slice(0, -1)}-beside`, "not under the prefix");
        expect(await other.get(`${p}b`)).toEqual({ key: `${p}b`, value: "2", modRevision: revision });
        const listing = await other.list(p);
        expect(listing.items.map((i) => [i.key, i.value])).toEqual([
          [`${p}a`, "1"],
          [`${p}b`, "2"],
        ]);
        expect(listing.revision).toBeGreaterThan(revision);
        expect(await store.delete(`${p}a`)).toBe(true);
        expect(await store.delete(`${p}a`)).toBe(false);
        expect(await other.get(`${p}a`)).toBeUndefined();
        await store.delete(`${p.slice(0, -1)}-beside`);
      });

      it("lists a prefix with more keys than one response carries, complete and in key order", async () => {
        const p = freshPrefix();
        const batches = 11;
        const perBatch = 100;
        // Written in transactions to be quick; an adapter may page its reads, never its answer.
        const revisions = await Promise.all(
          Array.from({ length: batches }, (_, batch) =>
            store.commit({
              conditions: [],
              puts: Array.from({ length: perBatch }, (_, i) => ({
                key: `${p}${String(batch * perBatch + i).padStart(5, "0")}`,
                value: "x".repeat(100),
              })),
            }),
          ),
        );
        const listing = await other.list(p);
        const keys = listing.items.map((item) => item.key);
        expect(keys).toHaveLength(batches * perBatch);
        expect(keys).toEqual([...keys].sort());
        expect(listing.revision).toBeGreaterThanOrEqual(Math.max(...revisions.map((r) => r.revision)));
        // etcd takes at most 128 operations per transaction, so clean up in batches too.
        await Promise.all(
          Array.from({ length: batches }, (_, batch) =>
            store.commit({ conditions: [], deletes: keys.slice(batch * perBatch, (batch + 1) * perBatch) }),
          ),
        );
        expect((await other.list(p)).items).toEqual([]);
      });

      it("lists an empty prefix as no items, at the store's current revision", async () => {
        const p = freshPrefix();
        const revision = await store.put(`${freshPrefix()}elsewhere`, "x");
        const listing = await other.list(p);
        expect(listing.items).toEqual([]);
        expect(listing.revision).toBeGreaterThanOrEqual(revision);
      });
    });

    describe("commit", () => {
      it("applies every write when the revisions are current, and none when one is stale", async () => {
        const p = freshPrefix();
        const first = await store.put(`${p}config`, "v1");
        await store.put(`${p}config`, "v2");
        await store.put(`${p}doomed`, "x");
        const stale = await store.commit({
          conditions: [{ key: `${p}config`, modRevision: first }],
          puts: [
            { key: `${p}config`, value: "from a stale read" },
            { key: `${p}other`, value: "x" },
          ],
          deletes: [`${p}doomed`],
        });
        expect(stale.succeeded).toBe(false);
        expect((await other.get(`${p}config`))?.value).toBe("v2");
        expect(await other.get(`${p}other`)).toBeUndefined();
        expect(await other.get(`${p}doomed`)).toBeDefined();

        const current = await other.get(`${p}config`);
        const applied = await store.commit({
          conditions: [{ key: `${p}config`, modRevision: current?.modRevision ?? -1 }],
          puts: [
            { key: `${p}config`, value: "v3" },
            { key: `${p}other`, value: "y" },
          ],
          deletes: [`${p}doomed`],
        });
        expect(applied.succeeded).toBe(true);
        expect(await other.get(`${p}config`)).toMatchObject({ value: "v3", modRevision: applied.revision });
        expect(await other.get(`${p}other`)).toMatchObject({ value: "y", modRevision: applied.revision });
        expect(await other.get(`${p}doomed`)).toBeUndefined();
      });

      it("treats modRevision 0 as 'must not exist', so only one of two creators wins", async () => {
        const p = freshPrefix();
        const create = (s: CoordinationStore, value: string) =>
          s.commit({ conditions: [{ key: `${p}name`, modRevision: 0 }], puts: [{ key: `${p}name`, value }] });
        const results = await Promise.all([create(store, "first"), create(other, "second")]);
        expect(results.filter((r) => r.succeeded)).toHaveLength(1);
        const winner = results[0]?.succeeded ? "first" : "second";
        expect((await store.get(`${p}name`))?.value).toBe(winner);
        const again = await create(store, "third");
        expect(again.succeeded).toBe(false);
      });

      it("writes a key under a lease in a transaction, so it goes with the lease", async () => {
        const p = freshPrefix();
        const lease = await store.grantLease(TTL_SECONDS);
        const result = await store.commit({
          conditions: [{ key: `${p}owned`, modRevision: 0 }],
          puts: [{ key: `${p}owned`, value: "mine", lease }],
        });
        expect(result.succeeded).toBe(true);
        await lease.revoke();
        expect(await other.get(`${p}owned`)).toBeUndefined();
      });
    });

    describe("watch", () => {
      it("sees every change after a listing's revision, in order, and nothing before it", async () => {
        const p = freshPrefix();
        await store.put(`${p}before`, "old");
        const { revision } = await store.list(p);
        const controller = new AbortController();
        const seen: WatchEvent[] = [];
        const watching = (async () => {
          for await (const event of store.watch(p, { afterRevision: revision, signal: controller.signal })) {
            seen.push(event);
            if (seen.length === 3) controller.abort();
          }
        })();
        const first = await other.put(`${p}a`, "1");
        await other.put(`${p}a`, "2");
        await other.delete(`${p}before`);
        await watching;
        expect(seen.map((e) => [e.type, e.key, e.type === "put" ? e.value : null])).toEqual([
          ["put", `${p}a`, "1"],
          ["put", `${p}a`, "2"],
          ["delete", `${p}before`, null],
        ]);
        expect(seen[0]?.modRevision).toBe(first);
        const revisions = seen.map((e) => e.modRevision);
        expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
      });

      it("delivers a long burst in order and without gaps to a consumer that lags behind the writer", async () => {
        const p = freshPrefix();
        const { revision } = await store.list(p);
        const count = 60;
        await other.put(`${p}k0`, "0");
        let writing: Promise<void> | undefined;
        const seen: string[] = [];
        const controller = new AbortController();
        for await (const event of store.watch(p, { afterRevision: revision, signal: controller.signal })) {
          seen.push(event.type === "put" ? event.value : "deleted");
          // Hold the consumer back while the whole burst is written, so the watch has to wait for it.
          writing ??= (async () => {
            for (let i = 1; i < count; i++) await other.put(`${p}k${i % 7}`, String(i));
          })();
          await writing;
          if (seen.length === count) controller.abort();
        }
        expect(seen).toEqual(Array.from({ length: count }, (_, i) => String(i)));
      }, 60_000);
    });

    describe("leases", () => {
      it("deletes a lease's keys when it is revoked, and says it is lost", async () => {
        const p = freshPrefix();
        const lease = await store.grantLease(TTL_SECONDS);
        await store.put(`${p}ephemeral`, "here", { lease });
        expect(await other.get(`${p}ephemeral`)).toBeDefined();
        await lease.revoke();
        expect(lease.lost.aborted).toBe(true);
        expect(await other.get(`${p}ephemeral`)).toBeUndefined();
        await lease.revoke();
      });

      it("keeps a lease's keys past its TTL while its holder lives", async () => {
        const p = freshPrefix();
        const lease = await store.grantLease(1);
        await store.put(`${p}kept`, "alive", { lease });
        // The key must be there at every look for three times the TTL asked for (etcd may round it up to
        // its minimum); without keep-alives it would be gone by then.
        const until = Date.now() + 3_000;
        await waitFor(
          async () => ({ present: (await other.get(`${p}kept`)) !== undefined, done: Date.now() >= until }),
          (look) => !look.present || look.done,
          { timeoutMs: 10_000, intervalMs: 200, description: "three TTLs to pass" },
        ).then((look) => expect(look.present).toBe(true));
        expect(lease.lost.aborted).toBe(false);
        await lease.revoke();
      });

      it("refuses a write under a revoked lease", async () => {
        const p = freshPrefix();
        const lease = await store.grantLease(TTL_SECONDS);
        await lease.revoke();
        await expect(store.put(`${p}late`, "x", { lease })).rejects.toBeInstanceOf(CoordinationError);
        expect(await other.get(`${p}late`)).toBeUndefined();
      });
    });

    describe("elections", () => {
      it("lets exactly one of two contenders lead, and the other lead once the leader's lease is revoked", async () => {
        const election = `${freshPrefix()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        const leadershipA = await store.campaign(election, "a", leaseA, { signal: forever() });
        let bLeads = false;
        const b = other.campaign(election, "b", leaseB, { signal: forever() }).then((leadership) => {
          bLeads = true;
          return leadership;
        });
        // b's campaign has placed its ballot once it shows up behind a's; a still leads.
        await waitFor(
          async () => (await other.list(`${election}/`)).items.length,
          (n) => n === 2,
          { timeoutMs: 10_000, description: "both ballots" },
        );
        expect(await store.leader(election)).toBe("a");
        expect(await other.leader(election)).toBe("a");
        expect(bLeads).toBe(false);

        await leaseA.revoke();
        expect(leadershipA.lost.aborted).toBe(true);
        const leadershipB = await b;
        expect(await store.leader(election)).toBe("b");
        expect(leadershipB.lost.aborted).toBe(false);
        await leaseB.revoke();
        expect(leadershipB.lost.aborted).toBe(true);
        expect(await other.leader(election)).toBeUndefined();
      });

      it("hands over when the leader resigns, while its lease lives on", async () => {
        const election = `${freshPrefix()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        const leadershipA = await store.campaign(election, "a", leaseA, { signal: forever() });
        const b = other.campaign(election, "b", leaseB, { signal: forever() });
        await leadershipA.resign();
        expect(leadershipA.lost.aborted).toBe(true);
        await b;
        expect(await store.leader(election)).toBe("b");
        expect(leaseA.lost.aborted).toBe(false);
        await leadershipA.resign();
        await leaseA.revoke();
        await leaseB.revoke();
      });

      it("lets a candidate that resigned campaign again, behind the new leader", async () => {
        const election = `${freshPrefix()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        const first = await store.campaign(election, "a", leaseA, { signal: forever() });
        const b = other.campaign(election, "b", leaseB, { signal: forever() });
        await first.resign();
        const leadershipB = await b;
        const again = store.campaign(election, "a", leaseA, { signal: forever() });
        await leadershipB.resign();
        const second = await again;
        expect(await other.leader(election)).toBe("a");
        expect(second.lost.aborted).toBe(false);
        await leaseA.revoke();
        expect(second.lost.aborted).toBe(true);
        await leaseB.revoke();
      });

      it("stops campaigning when its signal aborts, without ever leading", async () => {
        const election = `${freshPrefix()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        await store.campaign(election, "a", leaseA, { signal: forever() });
        const controller = new AbortController();
        const b = other.campaign(election, "b", leaseB, { signal: controller.signal });
        await waitFor(
          async () => (await other.list(`${election}/`)).items.length,
          (n) => n === 2,
          { timeoutMs: 10_000, description: "both ballots" },
        );
        controller.abort(new Error("the test stopped it"));
        await expect(b).rejects.toThrow("the test stopped it");
        // Its ballot is withdrawn at once, although its lease lives on: it can never win later.
        expect((await other.list(`${election}/`)).items.map((i) => i.value)).toEqual(["a"]);
        await leaseA.revoke();
        expect(await store.leader(election)).toBeUndefined();
        await leaseB.revoke();
      });

      it("refuses to campaign with a lease that has ended", async () => {
        const election = `${freshPrefix()}leader`;
        const lease = await store.grantLease(TTL_SECONDS);
        await lease.revoke();
        await expect(store.campaign(election, "late", lease, { signal: forever() })).rejects.toBeInstanceOf(
          CoordinationError,
        );
        expect(await other.leader(election)).toBeUndefined();
      });

      it("moves leadership and the registry entry away from a process killed with SIGKILL once its lease expires", async () => {
        const root = freshRoot();
        const election = `${root}/leader`;
        const registry = new ServiceRegistry(other, root);
        const { command, args } = campaignerCommand([election, "doomed", root, String(TTL_SECONDS)]);
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
        try {
          let output = "";
          child.stdout.setEncoding("utf8");
          child.stdout.on("data", (chunk: string) => {
            output += chunk;
          });
          await waitFor(
            () => output,
            (text) => text.includes("leading"),
            { timeoutMs: 30_000, description: "the child process to lead" },
          );
          expect(await store.leader(election)).toBe("doomed");
          expect((await registry.list("campaigner")).map((i) => i.instanceId)).toEqual(["doomed"]);

          const lease: Lease = await store.grantLease(TTL_SECONDS);
          let survivorLeads = false;
          const survivor = store.campaign(election, "survivor", lease, { signal: forever() }).then((l) => {
            survivorLeads = true;
            return l;
          });
          await waitFor(
            async () => (await other.list(`${election}/`)).items.length,
            (n) => n === 2,
            { timeoutMs: 10_000, description: "the survivor's ballot" },
          );
          child.kill("SIGKILL");
          await waitFor(
            () => store.leader(election),
            (leader) => leader === "survivor",
            { timeoutMs: EXPIRY_TIMEOUT_MS, description: "the survivor to lead after the kill" },
          );
          const leadership = await survivor;
          expect(survivorLeads).toBe(true);
          expect(leadership.lost.aborted).toBe(false);
          expect(await registry.list("campaigner")).toEqual([]);
          await lease.revoke();
        } finally {
          child.kill("SIGKILL");
        }
      });
    });

    describe("ServiceRegistry", () => {
      const instance = (overrides: Partial<ServiceInstance> = {}): ServiceInstance => ({
        serviceType: "connector",
        instanceId: "file-1",
        address: "127.0.0.1:50051",
        kind: "source",
        plugins: [{ className: "FileStreamSource", aliases: [], kind: "source", version: "1.0.0" }],
        version: "1.0.0",
        registeredAt: new Date().toISOString(),
        ...overrides,
      });

      it("lists a registered instance, and forgets it when its lease ends, as its watch sees", async () => {
        const root = freshRoot();
        const registry = new ServiceRegistry(store, root);
        const lease = await store.grantLease(TTL_SECONDS);
        const controller = new AbortController();
        const sets: string[][] = [];
        const watching = (async () => {
          for await (const instances of new ServiceRegistry(other, root).watch(
            "connector",
            controller.signal,
          )) {
            sets.push(instances.map((i) => i.instanceId));
            if (sets.length === 3) controller.abort();
          }
        })();
        await waitFor(
          () => sets.length,
          (n) => n >= 1,
          { timeoutMs: 10_000, description: "the first set" },
        );
        await registry.register(instance(), lease);
        expect(await registry.list("connector")).toEqual([instance({ registeredAt: expect.any(String) })]);
        expect(await registry.list("worker")).toEqual([]);
        await waitFor(
          () => sets.length,
          (n) => n >= 2,
          { timeoutMs: 10_000, description: "the set with the new instance" },
        );
        await lease.revoke();
        await watching;
        expect(sets).toEqual([[], ["file-1"], []]);
        expect(await registry.list()).toEqual([]);
      });

      it("lists by type or all, removes on deregister, and leaves out entries that do not parse", async () => {
        const root = freshRoot();
        const invalid: InvalidServiceEntry[] = [];
        const registry = new ServiceRegistry(store, root, (entry) => invalid.push(entry));
        const lease = await store.grantLease(TTL_SECONDS);
        await registry.register(instance({ instanceId: "file-2" }), lease);
        await registry.register(
          instance({ serviceType: "worker", instanceId: "w/1", kind: "worker" }),
          lease,
        );
        await store.put(`${root}/services/connector/broken`, "{not json");
        expect((await registry.list("connector")).map((i) => i.instanceId)).toEqual(["file-2"]);
        expect(invalid.map((entry) => entry.key)).toEqual([`${root}/services/connector/broken`]);
        expect((await registry.list()).map((i) => i.instanceId)).toEqual(["file-2", "w/1"]);
        expect(await registry.deregister("worker", "w/1")).toBe(true);
        expect(await registry.deregister("worker", "w/1")).toBe(false);
        expect((await registry.list()).map((i) => i.instanceId)).toEqual(["file-2"]);
        await lease.revoke();
        await store.delete(`${root}/services/connector/broken`);
      });
    });

    describe("close", () => {
      it("revokes the leases it granted and ends its watches", async () => {
        const p = freshPrefix();
        const closing = await open();
        const lease = await closing.grantLease(TTL_SECONDS);
        await closing.put(`${p}owned`, "x", { lease });
        const { revision } = await closing.list(p);
        // Settled into a value at once, so the rejection is handled before close() makes it.
        const ended = (async () => {
          for await (const _event of closing.watch(p, { afterRevision: revision, signal: forever() })) {
            // Nothing is written under p, so no event comes; the loop ends only when the store closes.
          }
        })().then(
          () => "ended quietly",
          (error: unknown) => error,
        );
        await closing.close();
        expect(lease.lost.aborted).toBe(true);
        expect(await other.get(`${p}owned`)).toBeUndefined();
        expect(await ended).toBeInstanceOf(CoordinationError);
        await closing.close();
      });
    });
  });
}
