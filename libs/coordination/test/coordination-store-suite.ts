import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinationStore, Lease, WatchEvent } from "../src/coordination-store.js";
import { ServiceRegistry } from "../src/service-registry.js";

/** Short leases keep the expiry tests quick; etcd's minimum TTL is well below this. */
const TTL_SECONDS = 2;

/**
 * The port test suite: every adapter of `CoordinationStore` must pass it against a real store.
 * `open` connects a new client; `campaignerCommand` starts a separate process that campaigns and registers
 * through the same adapter (see fixtures/campaigner.ts), so the suite can kill it.
 */
export function describeCoordinationStore(
  name: string,
  open: () => Promise<CoordinationStore>,
  campaignerCommand: (args: string[]) => { command: string; args: string[] },
): void {
  describe(`${name} as a CoordinationStore`, () => {
    let store: CoordinationStore;
    let other: CoordinationStore;
    let prefix: string;

    beforeAll(async () => {
      store = await open();
      other = await open();
    });

    afterAll(async () => {
      await store.close();
      await other.close();
    });

    const fresh = () => {
      prefix = `/connect-mesh-test/${randomUUID()}/`;
      return prefix;
    };

    describe("keys and values", () => {
      it("puts, gets, lists in key order and deletes", async () => {
        const p = fresh();
        const revision = await store.put(`${p}b`, "2");
        await store.put(`${p}a`, "1");
        expect(await store.get(`${p}b`)).toEqual({ key: `${p}b`, value: "2", modRevision: revision });
        const listing = await store.list(p);
        expect(listing.items.map((i) => [i.key, i.value])).toEqual([
          [`${p}a`, "1"],
          [`${p}b`, "2"],
        ]);
        expect(listing.revision).toBeGreaterThan(revision);
        expect(await store.delete(`${p}a`)).toBe(true);
        expect(await store.delete(`${p}a`)).toBe(false);
        expect(await store.get(`${p}a`)).toBeUndefined();
      });
    });

    describe("commit", () => {
      it("applies every write when the revisions are current, and none when one is stale", async () => {
        const p = fresh();
        const first = await store.put(`${p}config`, "v1");
        await store.put(`${p}config`, "v2");
        const stale = await store.commit({
          conditions: [{ key: `${p}config`, modRevision: first }],
          puts: [
            { key: `${p}config`, value: "from a stale read" },
            { key: `${p}other`, value: "x" },
          ],
        });
        expect(stale.succeeded).toBe(false);
        expect((await store.get(`${p}config`))?.value).toBe("v2");
        expect(await store.get(`${p}other`)).toBeUndefined();

        const current = await store.get(`${p}config`);
        const fresh2 = await store.commit({
          conditions: [{ key: `${p}config`, modRevision: current?.modRevision ?? -1 }],
          puts: [{ key: `${p}config`, value: "v3" }],
          deletes: [`${p}nothing`],
        });
        expect(fresh2.succeeded).toBe(true);
        expect(await store.get(`${p}config`)).toMatchObject({ value: "v3", modRevision: fresh2.revision });
      });

      it("treats modRevision 0 as 'must not exist', so only one of two creators wins", async () => {
        const p = fresh();
        const create = (s: CoordinationStore, value: string) =>
          s.commit({ conditions: [{ key: `${p}name`, modRevision: 0 }], puts: [{ key: `${p}name`, value }] });
        const results = await Promise.all([create(store, "first"), create(other, "second")]);
        expect(results.filter((r) => r.succeeded)).toHaveLength(1);
      });
    });

    describe("watch", () => {
      it("sees every change after a listing's revision, in order, and nothing before it", async () => {
        const p = fresh();
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
        await other.put(`${p}a`, "1");
        await other.put(`${p}a`, "2");
        await other.delete(`${p}before`);
        await watching;
        expect(seen.map((e) => [e.type, e.key, e.type === "put" ? e.value : null])).toEqual([
          ["put", `${p}a`, "1"],
          ["put", `${p}a`, "2"],
          ["delete", `${p}before`, null],
        ]);
      });
    });

    describe("leases", () => {
      it("deletes a lease's keys when it is revoked, and says it is lost", async () => {
        const p = fresh();
        const lease = await store.grantLease(TTL_SECONDS);
        await store.put(`${p}ephemeral`, "here", { lease });
        expect(await other.get(`${p}ephemeral`)).toBeDefined();
        await lease.revoke();
        expect(lease.lost.aborted).toBe(true);
        expect(await other.get(`${p}ephemeral`)).toBeUndefined();
      });

      it("keeps a lease alive past its TTL while its holder lives", async () => {
        const p = fresh();
        const lease = await store.grantLease(1);
        await store.put(`${p}kept`, "alive", { lease });
        const until = Date.now() + 3_000;
        // Three TTLs: without keep-alives the key would be gone.
        await waitFor(
          async () => Date.now(),
          (now) => now >= until,
          { timeoutMs: 5_000, description: "three TTLs" },
        );
        expect(await other.get(`${p}kept`)).toBeDefined();
        await lease.revoke();
      });
    });

    describe("elections", () => {
      it("lets exactly one of two contenders lead, and the other lead once the leader's lease is revoked", async () => {
        const election = `${fresh()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        const signal = new AbortController().signal;
        const a = store.campaign(election, "a", leaseA, { signal });
        const leadershipA = await a;
        let bLeads = false;
        const b = other.campaign(election, "b", leaseB, { signal }).then((leadership) => {
          bLeads = true;
          return leadership;
        });
        expect(await store.leader(election)).toBe("a");
        expect(bLeads).toBe(false);

        await leaseA.revoke();
        expect(leadershipA.lost.aborted).toBe(true);
        const leadershipB = await b;
        expect(await other.leader(election)).toBe("b");
        expect(leadershipB.lost.aborted).toBe(false);
        await leaseB.revoke();
        expect(await other.leader(election)).toBeUndefined();
      });

      it("hands over when the leader resigns, while its lease lives on", async () => {
        const election = `${fresh()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        const signal = new AbortController().signal;
        const leadershipA = await store.campaign(election, "a", leaseA, { signal });
        const b = other.campaign(election, "b", leaseB, { signal });
        await leadershipA.resign();
        expect(leadershipA.lost.aborted).toBe(true);
        await b;
        expect(await store.leader(election)).toBe("b");
        expect(leaseA.lost.aborted).toBe(false);
        await leaseA.revoke();
        await leaseB.revoke();
      });

      it("stops campaigning when its signal aborts, without ever leading", async () => {
        const election = `${fresh()}leader`;
        const leaseA = await store.grantLease(TTL_SECONDS);
        const leaseB = await other.grantLease(TTL_SECONDS);
        await store.campaign(election, "a", leaseA, { signal: new AbortController().signal });
        const controller = new AbortController();
        const b = other.campaign(election, "b", leaseB, { signal: controller.signal });
        controller.abort();
        await expect(b).rejects.toThrow();
        await leaseA.revoke();
        expect(await store.leader(election)).toBeUndefined();
        await leaseB.revoke();
      });

      it("moves leadership and the registry entry away from a process killed with SIGKILL once its lease expires", async () => {
        const p = fresh();
        const election = `${p}leader`;
        const registry = new ServiceRegistry(other, p);
        const { command, args } = campaignerCommand([election, "doomed", p, String(TTL_SECONDS)]);
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
        try {
          let output = "";
          child.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
          });
          await waitFor(
            async () => output,
            (text) => text.includes("leading"),
            {
              timeoutMs: 30_000,
              description: "the child process to lead",
            },
          );
          expect(await store.leader(election)).toBe("doomed");
          expect((await registry.list("campaigner")).map((i) => i.instanceId)).toEqual(["doomed"]);

          const lease: Lease = await store.grantLease(TTL_SECONDS);
          const survivor = store.campaign(election, "survivor", lease, {
            signal: new AbortController().signal,
          });
          child.kill("SIGKILL");
          await survivor;
          expect(await store.leader(election)).toBe("survivor");
          expect(await registry.list("campaigner")).toEqual([]);
          await lease.revoke();
        } finally {
          child.kill("SIGKILL");
        }
      });
    });

    describe("ServiceRegistry", () => {
      it("lists a registered instance, and forgets it when its lease ends, as its watch sees", async () => {
        const root = fresh();
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
          async () => sets.length,
          (n) => n >= 1,
          { timeoutMs: 10_000, description: "the first set" },
        );
        await registry.register(
          {
            serviceType: "connector",
            instanceId: "file-1",
            address: "127.0.0.1:50051",
            plugins: [{ className: "FileStreamSource", aliases: [], kind: "source", version: "1.0.0" }],
            version: "1.0.0",
            registeredAt: new Date().toISOString(),
          },
          lease,
        );
        expect((await registry.list("connector")).map((i) => i.address)).toEqual(["127.0.0.1:50051"]);
        expect(await registry.list("worker")).toEqual([]);
        await lease.revoke();
        await watching;
        expect(sets).toEqual([[], ["file-1"], []]);
        expect(await registry.list()).toEqual([]);
      });
    });
  });
}
