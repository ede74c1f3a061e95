import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { ClusterKeys } from "@connect-mesh/cluster-state";
import { EtcdCoordinationStore } from "@connect-mesh/coordination";
import { findFreePort, startComponents, stopComponent } from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startExtraInstance, stopExtraInstance } from "./extra-process.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

/** The stack's coordinator holds a 10 s lease; a new leader must be elected within the 15 s target. */
const FAILOVER_TARGET_MS = 15_000;

/** A second coordinator instance beside the stack's own, on a free port, sharing its etcd and Kafka. */
async function startCoordinator(id: string): Promise<{ process: ChildProcess; url: string }> {
  const port = await findFreePort();
  const child = startExtraInstance("coordinator", {
    CONNECT_MESH_ETCD_ENDPOINTS: inject("etcdEndpoint"),
    CONNECT_MESH_KAFKA_BOOTSTRAP: inject("kafkaBootstrap"),
    CONNECT_MESH_REST_PORT: String(port),
    CONNECT_MESH_COORDINATOR_ID: id,
    CONNECT_MESH_LOG_LEVEL: "warn",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    () => rest(url, "GET", "/health").catch(() => ({ status: 0 })),
    (response) => response.status === 200,
    { timeoutMs: 60_000, description: `coordinator ${id} to answer` },
  );
  return { process: child, url };
}

describe("coordinators in a group of three", () => {
  const extra: ChildProcess[] = [];
  const store = new EtcdCoordinationStore([inject("etcdEndpoint")]);
  const election = new ClusterKeys("local").leaderElection;
  const created: string[] = [];
  let follower: string;

  beforeAll(async () => {
    for (const id of ["coordinator-b", "coordinator-c"]) {
      const started = await startCoordinator(id);
      extra.push(started.process);
      follower ??= started.url;
    }
  });

  afterAll(async () => {
    for (const name of created) await rest(follower, "DELETE", `/connectors/${name}`);
    // A graceful stop resigns, so the stack's own coordinator leads again at once for the tests that follow.
    await Promise.all(extra.map((child) => stopExtraInstance(child, "SIGTERM")));
    await waitFor(
      () => store.leader(election),
      (leader) => leader === "coordinator-1",
      { timeoutMs: 30_000, description: "the stack's coordinator to lead again" },
    );
    await store.close();
  });

  it("keeps every acknowledged write and elects a new leader within the target when the leader is killed", async () => {
    expect(await store.leader(election)).toBe("coordinator-1");
    const runDir = inject("runDir");
    const names = Array.from({ length: 6 }, (_, i) => `ha-${randomUUID().slice(0, 6)}-${i}`);
    const createThrough = async (url: string, name: string) => {
      const response = await rest(url, "POST", "/connectors", {
        name,
        config: {
          "connector.class": "FileStreamSink",
          file: join(inject("baseDir"), `${name}.txt`),
          topics: name,
        },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      created.push(name);
    };

    await createThrough(follower, names[0] ?? "");
    const killedAt = Date.now();
    const killing = stopComponent(runDir, "coordinator", "kill");
    // Writes keep being accepted by the followers while the leader is gone: they go to etcd directly.
    for (const name of names.slice(1)) await createThrough(follower, name);
    await killing;

    const newLeader = await waitFor(
      () => store.leader(election),
      (leader) => leader !== undefined && leader !== "coordinator-1",
      { timeoutMs: FAILOVER_TARGET_MS * 2, intervalMs: 100, description: "another coordinator to lead" },
    );
    const failoverMs = Date.now() - killedAt;
    process.stdout.write(`leader killed: ${newLeader} leads after ${failoverMs} ms\n`);
    expect(failoverMs).toBeLessThan(FAILOVER_TARGET_MS);

    // Nothing acknowledged is lost, and the new leader plans what the old one never saw.
    const listed = (await rest(follower, "GET", "/connectors")).body as string[];
    expect(listed).toEqual(expect.arrayContaining(names));
    for (const name of names) {
      await waitFor(
        () => rest(follower, "GET", `/connectors/${name}/status`),
        (r) => (r.body as { tasks: { state: string }[] }).tasks[0]?.state === "RUNNING",
        { timeoutMs: 60_000, description: `${name}'s task to run under the new leader` },
      );
    }

    await startComponents(runDir, ["coordinator"]);
  });
});
