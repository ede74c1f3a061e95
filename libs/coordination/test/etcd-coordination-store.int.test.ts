import { createServer } from "node:net";
import { resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import "../../../test/stack-context.js";
import { waitFor } from "@connect-mesh/async";
import {
  CoordinationRequestError,
  CoordinationUnavailableError,
  LeaseLostError,
  WatchCompactedError,
} from "../src/errors.js";
import { EtcdCoordinationStore } from "../src/etcd-coordination-store.js";
import { startBlackholeProxy } from "./blackhole-proxy.js";
import { describeCoordinationStore } from "./coordination-store-suite.js";

const endpoint = inject("etcdEndpoint");
const freshPrefix = (): string => `/connect-mesh-test/${crypto.randomUUID()}/`;

// A tiny high-water mark, so the suite's lagging consumer drives the watch through pause and resume.
describeCoordinationStore(
  "etcd",
  async () => new EtcdCoordinationStore([endpoint], { watchHighWaterMark: 4 }),
  (args) => ({
    command: process.execPath,
    args: ["--import", "tsx", resolve(import.meta.dirname, "fixtures/campaigner.ts"), endpoint, ...args],
  }),
);

describe("EtcdCoordinationStore", () => {
  it("throws WatchCompactedError from a watch that starts at a compacted revision", async () => {
    const store = new EtcdCoordinationStore([endpoint]);
    try {
      const p = freshPrefix();
      const { revision } = await store.list(p);
      await store.put(`${p}a`, "1");
      const latest = await store.put(`${p}b`, "2");
      // Compaction is cluster-wide: it only drops history before `latest`, which no other test should need.
      await compact(endpoint, latest);
      const watching = (async () => {
        for await (const _event of store.watch(p, {
          afterRevision: revision,
          signal: AbortSignal.timeout(10_000),
        })) {
          // The history is gone, so no event can come before the error.
        }
      })();
      await expect(watching).rejects.toBeInstanceOf(WatchCompactedError);
      await expect(watching).rejects.toMatchObject({ retriable: true, fromRevision: revision + 1 });
    } finally {
      await store.close();
    }
  });

  it("reports a lease lost before etcd expires it when the holder is cut off from etcd", async () => {
    const proxy = await startBlackholeProxy(endpoint);
    const cutOff = new EtcdCoordinationStore([proxy.endpoint]);
    const observer = new EtcdCoordinationStore([endpoint]);
    try {
      const p = freshPrefix();
      const lease = await cutOff.grantLease(2);
      await cutOff.put(`${p}held`, "x", { lease });
      const leadership = await cutOff.campaign(`${p}leader`, "cut-off", lease, {
        signal: AbortSignal.timeout(10_000),
      });
      proxy.cut();
      // Once etcd has expired the lease, its holder must already know, or two processes could act as leader.
      await waitFor(
        () => observer.get(`${p}held`),
        (value) => value === undefined,
        { timeoutMs: 20_000, intervalMs: 20, description: "etcd to expire the cut-off lease" },
      );
      expect(lease.lost.aborted).toBe(true);
      expect(lease.lost.reason).toBeInstanceOf(LeaseLostError);
      expect(leadership.lost.aborted).toBe(true);
    } finally {
      await proxy.close();
      await cutOff.close();
      await observer.close();
    }
  });

  it("turns an unreachable etcd into a retriable CoordinationUnavailableError", async () => {
    const store = new EtcdCoordinationStore([`http://127.0.0.1:${await closedPort()}`], {
      requestTimeoutMs: 2_000,
    });
    try {
      const error = await store.get("/connect-mesh-test/unreachable").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CoordinationUnavailableError);
      expect(error).toMatchObject({ retriable: true });
    } finally {
      await store.close();
    }
  });

  it("turns a request etcd refuses into a non-retriable CoordinationRequestError", async () => {
    const store = new EtcdCoordinationStore([endpoint]);
    try {
      const p = freshPrefix();
      const twice = store.commit({
        conditions: [],
        puts: [
          { key: `${p}same`, value: "1" },
          { key: `${p}same`, value: "2" },
        ],
      });
      await expect(twice).rejects.toBeInstanceOf(CoordinationRequestError);
      await expect(twice).rejects.toMatchObject({ retriable: false });
    } finally {
      await store.close();
    }
  });
});

/** Compacts etcd's history before `revision`, through its HTTP gateway (the tests never import etcd3). */
async function compact(etcdEndpoint: string, revision: number): Promise<void> {
  const response = await fetch(`${etcdEndpoint}/v3/kv/compaction`, {
    method: "POST",
    body: JSON.stringify({ revision: String(revision), physical: true }),
  });
  if (!response.ok) throw new Error(`etcd refused to compact at ${revision}: ${await response.text()}`);
}

/** A local port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", () => ready()));
  const address = server.address();
  await new Promise<void>((closed) => server.close(() => closed()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}
