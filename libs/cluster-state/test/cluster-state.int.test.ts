import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { EtcdCoordinationStore } from "@connect-mesh/coordination";
import type { LoggerLevelChange } from "@connect-mesh/logging";
import { afterAll, describe, expect, inject, it } from "vitest";
import { taskKeyOf } from "../src/assignment-store.js";
import { clusterStores } from "../src/cluster-stores.js";
import "../../../test/stack-context.js";

// Against the real etcd: the conditional writes are what keep two coordinators from undoing each other.
describe("the cluster-state stores on etcd", () => {
  const store = new EtcdCoordinationStore([inject("etcdEndpoint")]);
  const state = () => clusterStores(store, `test-${randomUUID()}`);

  afterAll(async () => {
    await store.close();
  });

  it("creates a connector once; a second create with the same name writes nothing", async () => {
    const cluster = state();
    expect(await cluster.connectors.createConnector("c", { "connector.class": "A" }, "RUNNING")).toBe(true);
    expect(await cluster.connectors.createConnector("c", { "connector.class": "B" }, "PAUSED")).toBe(false);
    expect(await cluster.connectors.getConnector("c")).toMatchObject({
      config: { "connector.class": "A" },
      targetState: "RUNNING",
    });
  });

  it("refuses task configs planned from a config that has changed since", async () => {
    const cluster = state();
    await cluster.connectors.createConnector("c", { v: "1" }, "RUNNING");
    const planned = await cluster.connectors.getConnector("c");
    await cluster.connectors.putConnectorConfig("c", { v: "2" });
    const stale = { configRevision: planned?.configRevision ?? 0, tasks: [{ v: "1" }] };
    expect(await cluster.connectors.writeTaskConfigs("c", stale)).toBe(false);
    const current = await cluster.connectors.getConnector("c");
    expect(
      await cluster.connectors.writeTaskConfigs("c", {
        configRevision: current?.configRevision ?? 0,
        tasks: [{ v: "2" }],
      }),
    ).toBe(true);
    expect((await cluster.connectors.getConnector("c"))?.taskConfigs?.tasks).toEqual([{ v: "2" }]);
  });

  it("writes assignments only from the generation they were computed on", async () => {
    const cluster = state();
    const first = await cluster.assignments.readAssignmentPlan();
    const a = new Map([["w1", { tasks: [{ connector: "c", task: 0 }] }]]);
    expect(await cluster.assignments.writeAssignments(first, a, 0)).toBe(true);
    // A leader that read before that write must not overwrite it.
    expect(await cluster.assignments.writeAssignments(first, new Map([["w2", { tasks: [] }]]), 0)).toBe(
      false,
    );
    const second = await cluster.assignments.readAssignmentPlan();
    expect(second.generation.generation).toBe(first.generation.generation + 1);
    expect(second.assignments).toEqual(
      new Map([["w1", { tasks: [{ connector: "c", task: 0, generation: second.generation.generation }] }]]),
    );
    expect(
      await cluster.assignments.writeAssignments(
        second,
        new Map([["w2", { tasks: [{ connector: "c", task: 0 }] }]]),
        1,
      ),
    ).toBe(true);
    expect([...(await cluster.assignments.readAssignments()).keys()]).toEqual(["w2"]);
    expect(await cluster.assignments.isRebalancing()).toBe(true);
  });

  it("keeps a task's generation while it stays on its worker, and fences the worker it moved away from", async () => {
    const cluster = state();
    const task = { connector: "c", task: 0 };
    await cluster.assignments.writeAssignments(
      await cluster.assignments.readAssignmentPlan(),
      new Map([["w1", { tasks: [task] }]]),
      0,
    );
    const onFirst = (await cluster.assignments.readAssignments()).get("w1")?.tasks[0];
    if (!onFirst) throw new Error("w1 was not given the task");
    expect(await cluster.assignments.mayCommitFor("w1", onFirst)).toBe(true);

    // Another worker joins: w1 keeps the task, and its generation with it.
    const joined = new Map([
      ["w1", { tasks: [task] }],
      ["w2", { tasks: [] }],
    ]);
    await cluster.assignments.writeAssignments(await cluster.assignments.readAssignmentPlan(), joined, 0);
    expect((await cluster.assignments.readAssignments()).get("w1")?.tasks[0]).toEqual(onFirst);
    expect(await cluster.assignments.isRebalancing()).toBe(false);

    // The task moves away and back: w1's old run is fenced, though w1 holds the task again.
    await cluster.assignments.writeAssignments(
      await cluster.assignments.readAssignmentPlan(),
      new Map([["w2", { tasks: [task] }]]),
      0,
    );
    await cluster.assignments.writeAssignments(
      await cluster.assignments.readAssignmentPlan(),
      new Map([["w1", { tasks: [task] }]]),
      0,
    );
    const again = (await cluster.assignments.readAssignments()).get("w1")?.tasks[0];
    expect(again?.generation).toBeGreaterThan(onFirst.generation);
    expect(await cluster.assignments.mayCommitFor("w1", onFirst)).toBe(false);
    expect(await cluster.assignments.mayCommitFor("w2", onFirst)).toBe(false);
  });

  it("lets either a worker's claim or the leader's move of the same task land, never both", async () => {
    const cluster = state();
    const lease = await store.grantLease(10);
    const task = { connector: "c", task: 0 };
    const claim = (worker: string, revision: number) =>
      cluster.assignments.claimTask(
        worker,
        revision,
        task,
        { state: "RUNNING", workerId: worker, updatedAt: "now" },
        lease,
      );
    await cluster.assignments.writeAssignments(
      await cluster.assignments.readAssignmentPlan(),
      new Map([["w1", { tasks: [task] }]]),
      0,
    );
    const seenByW1 = await store.get(cluster.keys.assignment("w1"));

    // The leader reads who holds what, then w1 claims its task, then the leader tries to move it: refused.
    const plan = await cluster.assignments.readAssignmentPlan();
    const holders = await cluster.assignments.readTaskHolders();
    expect(await claim("w1", seenByW1?.modRevision ?? -1)).toBe(true);
    const moved = new Map([
      ["w1", { tasks: [] }],
      ["w2", { tasks: [task] }],
    ]);
    expect(await cluster.assignments.writeAssignments(plan, moved, 0, holders)).toBe(false);

    // With the claim in view the move is held back; once w1 lets go, the move lands and w1 can claim no more.
    await cluster.statuses.deleteTaskStatus("c", 0);
    expect(
      await cluster.assignments.writeAssignments(
        await cluster.assignments.readAssignmentPlan(),
        moved,
        0,
        await cluster.assignments.readTaskHolders(),
      ),
    ).toBe(true);
    expect(await claim("w1", seenByW1?.modRevision ?? -1)).toBe(false);
    await lease.revoke();
  });

  it("names the worker each task's status came from, and tracks and resets active topics", async () => {
    const cluster = state();
    const lease = await store.grantLease(10);
    await cluster.connectors.createConnector("c/1", { v: "1" }, "RUNNING");
    await cluster.statuses.writeTaskStatus(
      "c/1",
      2,
      { state: "RUNNING", workerId: "w9", updatedAt: "now" },
      lease,
    );
    await cluster.statuses.writeConnectorStatus("c/1", {
      state: "RUNNING",
      workerId: "leader",
      updatedAt: "now",
    });
    expect(await cluster.assignments.readTaskHolders()).toEqual(
      new Map([
        [taskKeyOf({ connector: "c/1", task: 2 }), { workerId: "w9", modRevision: expect.any(Number) }],
      ]),
    );

    const forgotten = new AbortController();
    const seen: { connector: string; topic: string }[] = [];
    const following = (async () => {
      for await (const item of cluster.activeTopics.forgottenActiveTopics(forgotten.signal)) seen.push(item);
    })();
    await cluster.activeTopics.recordActiveTopic("c/1", "b.topic");
    await cluster.activeTopics.recordActiveTopic("c/1", "a/topic");
    await cluster.activeTopics.recordActiveTopic("c/1", "a/topic");
    expect(await cluster.activeTopics.readActiveTopics("c/1")).toEqual(["a/topic", "b.topic"]);
    await cluster.activeTopics.resetActiveTopics("c/1");
    expect(await cluster.activeTopics.readActiveTopics("c/1")).toEqual([]);
    await waitFor(
      async () => seen.length,
      (count) => count === 2,
      { timeoutMs: 5_000, description: "both forgotten topics to be announced" },
    );
    expect(seen).toContainEqual({ connector: "c/1", topic: "a/topic" });
    forgotten.abort();
    await following.catch(() => undefined);
    await lease.revoke();
  });

  it("deletes a connector with its tasks and statuses", async () => {
    const cluster = state();
    await cluster.connectors.createConnector("c", { v: "1" }, "RUNNING");
    await cluster.statuses.writeConnectorStatus("c", { state: "RUNNING", workerId: "x", updatedAt: "now" });
    expect(await cluster.connectors.deleteConnector("c")).toBe(true);
    expect(await cluster.connectors.getConnector("c")).toBeUndefined();
    expect((await cluster.statuses.readStatuses("c")).connector).toBeUndefined();
    expect(await cluster.connectors.deleteConnector("c")).toBe(false);
  });

  it("follows the cluster-scope logger levels set after a revision, in order", async () => {
    const cluster = state();
    const before = await cluster.loggerLevels.writeClusterLoggerLevel("before", "DEBUG");
    await cluster.loggerLevels.writeClusterLoggerLevel("worker", "TRACE");
    await cluster.loggerLevels.writeClusterLoggerLevel("a/b", "WARN");
    const stop = new AbortController();
    const changes = cluster.loggerLevels.loggerLevelChanges({ afterRevision: before, signal: stop.signal });
    expect([(await changes.next()).value, (await changes.next()).value]).toMatchObject([
      { namespace: "worker", level: "TRACE" },
      { namespace: "a/b", level: "WARN" },
    ]);
    stop.abort();
    expect((await changes.next()).done).toBe(true);
  });

  it("starts from now by default, as Connect ignores the levels set before a worker started", async () => {
    const cluster = state();
    await cluster.loggerLevels.writeClusterLoggerLevel("before", "DEBUG");
    const stop = new AbortController();
    const changes = cluster.loggerLevels.loggerLevelChanges({ signal: stop.signal });
    let first: IteratorResult<LoggerLevelChange> | undefined;
    const firstSeen = changes.next().then((result) => {
      first = result;
    });
    // The watch starts at some moment after the call; write until it has seen a write.
    await waitFor(
      () => cluster.loggerLevels.writeClusterLoggerLevel("after", "ERROR"),
      () => first !== undefined,
      { timeoutMs: 10_000, description: "the first change after the watch started" },
    );
    await firstSeen;
    expect(first?.value).toMatchObject({ namespace: "after", level: "ERROR" });
    stop.abort();
    await changes.return(undefined);
  });
});
