import {
  type ClusterStores,
  clusterStores,
  PluginCatalog,
  type Status,
  type TaskId,
} from "@connect-mesh/cluster-state";
import { type Lease, type ServiceInstance, ServiceRegistry } from "@connect-mesh/coordination";
import { InMemoryCoordinationStore } from "@connect-mesh/coordination/testing";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConnectorServices } from "../connector-services.js";
import { Reconciler, WORKER_SERVICE_TYPE } from "./reconciler.js";

const aLease: Lease = { id: "1", lost: new AbortController().signal, revoke: async () => undefined };

const COORDINATOR_ID = "coordinator-1";
const SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";
const CONNECTOR_SERVICE_ADDRESS = "file-connectors:50051";

/** A config as a user would PUT it: runtime keys (tasks.max, topics, converters) and the plugin's own. */
function sinkConfig(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    "connector.class": "FileStreamSink",
    "tasks.max": "2",
    topics: "orders",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    file: "/data/orders.txt",
    ...overrides,
  };
}

function registered(serviceType: string, instanceId: string, address: string): ServiceInstance {
  return {
    serviceType,
    instanceId,
    address,
    plugins:
      serviceType === "connector"
        ? [{ className: SINK_CLASS, aliases: ["FileStreamSink"], kind: "sink", version: "1.0.0" }]
        : [],
    version: "1.0.0",
    registeredAt: "2026-01-01T00:00:00.000Z",
  };
}

/**
 * A reconciler over an empty cluster, with the file sink plugin hosted by one connector service. The
 * plugin plans as many tasks as it is allowed, each with its own `file`, unless a test says otherwise.
 */
async function setUp(options: { rebalanceDelayMs?: number; isPluginHosted?: boolean } = {}) {
  const store = new InMemoryCoordinationStore();
  const state = clusterStores(store, "test");
  const registry = new ServiceRegistry(store, state.keys.servicesRoot);
  const plan = vi.fn<ConnectorServices["plan"]>(async (_plugin, _addresses, request) => ({
    tasks: Array.from({ length: request.maxTasks }, (_, task) => ({
      config: { file: `/data/orders-${task}.txt` },
    })),
  }));
  const reconciler = new Reconciler({
    state,
    registry,
    // The reconciler only plans; describe and validate belong to the REST routes.
    services: { plan } as Pick<ConnectorServices, "plan"> as ConnectorServices,
    catalog: async () => new PluginCatalog(await registry.list("connector")),
    coordinatorId: COORDINATOR_ID,
    rebalanceDelayMs: options.rebalanceDelayMs ?? 0,
    logger: pino({ level: "silent" }),
  });
  const hostPlugin = () =>
    registry.register(registered("connector", "file-connectors-1", CONNECTOR_SERVICE_ADDRESS), aLease);
  if (options.isPluginHosted ?? true) await hostPlugin();
  const startWorkers = async (...ids: string[]) => {
    for (const id of ids) await registry.register(registered(WORKER_SERVICE_TYPE, id, `${id}:50051`), aLease);
  };
  return { state, registry, plan, reconciler, hostPlugin, startWorkers };
}

async function connectorStatus(state: ClusterStores, name: string): Promise<Status | undefined> {
  return (await state.statuses.readStatuses(name)).connector;
}

/** Every worker's tasks, as "connector/task" strings, so a test can compare whole plans at a glance. */
async function tasksByWorker(state: ClusterStores): Promise<Record<string, string[]>> {
  const assignments = await state.assignments.readAssignments();
  return Object.fromEntries(
    [...assignments].map(([worker, { tasks }]) => [worker, tasks.map((t) => `${t.connector}/${t.task}`)]),
  );
}

/** What a worker writes when it claims a task: a status naming it. */
async function claimedBy(state: ClusterStores, workerId: string, task: TaskId): Promise<void> {
  await state.statuses.writeTaskStatus(
    task.connector,
    task.task,
    { state: "RUNNING", workerId, updatedAt: new Date().toISOString() },
    aLease,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Reconciler", () => {
  describe("planning a connector's tasks", () => {
    it("asks the plugin for at most tasks.max tasks, and drops any it plans beyond that", async () => {
      const { state, plan, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig({ "tasks.max": "2" }), "RUNNING");
      plan.mockResolvedValueOnce({
        tasks: [0, 1, 2].map((task) => ({ config: { file: `/data/orders-${task}.txt` } })),
      });

      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledWith(SINK_CLASS, [CONNECTOR_SERVICE_ADDRESS], {
        connectorName: "orders-sink",
        config: sinkConfig({ "tasks.max": "2" }),
        maxTasks: 2,
      });
      const stored = await state.connectors.getConnector("orders-sink");
      expect(stored?.taskConfigs?.tasks.map((t) => t.file)).toEqual([
        "/data/orders-0.txt",
        "/data/orders-1.txt",
      ]);
    });

    it("gives every task config the connector's runtime keys, with the plugin's own keys on top", async () => {
      const { state, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig({ "tasks.max": "1" }), "RUNNING");

      await reconciler.reconcile();

      const stored = await state.connectors.getConnector("orders-sink");
      // The connector's `file` is overridden by the plugin's; everything else comes through unchanged.
      expect(stored?.taskConfigs?.tasks).toEqual([
        sinkConfig({ "tasks.max": "1", file: "/data/orders-0.txt" }),
      ]);
    });

    it("records which config revision the tasks were planned from, and shows the connector RUNNING", async () => {
      const { state, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");

      await reconciler.reconcile();

      const stored = await state.connectors.getConnector("orders-sink");
      expect(stored?.taskConfigs?.configRevision).toBe(stored?.configRevision);
      expect(await connectorStatus(state, "orders-sink")).toMatchObject({
        state: "RUNNING",
        workerId: COORDINATOR_ID,
      });
    });

    it("does not ask the plugin again while the config stays the same", async () => {
      const { state, plan, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");

      await reconciler.reconcile();
      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(1);
    });

    it("plans again from the new config after the config changes", async () => {
      const { state, plan, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig({ "tasks.max": "2" }), "RUNNING");
      await reconciler.reconcile();

      await state.connectors.putConnectorConfig("orders-sink", sinkConfig({ "tasks.max": "1" }));
      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(2);
      expect(plan.mock.lastCall?.[2]).toMatchObject({
        config: sinkConfig({ "tasks.max": "1" }),
        maxTasks: 1,
      });
      const stored = await state.connectors.getConnector("orders-sink");
      expect(stored?.taskConfigs?.configRevision).toBe(stored?.configRevision);
      expect(stored?.taskConfigs?.tasks).toHaveLength(1);
    });

    it("plans again after a restart of the connector is requested, and remembers that restart", async () => {
      const { state, plan, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");
      await reconciler.reconcile();

      await state.connectors.requestRestart("orders-sink", { connector: true, tasks: [] });
      await reconciler.reconcile();
      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(2);
      expect((await state.connectors.getConnector("orders-sink"))?.taskConfigs?.connectorRestart).toBe(1);
    });
  });

  describe("target states", () => {
    it("neither plans nor assigns a STOPPED connector, and shows it STOPPED", async () => {
      const { state, plan, reconciler, startWorkers } = await setUp();
      await startWorkers("worker-a");
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");
      await reconciler.reconcile();
      expect(await tasksByWorker(state)).toEqual({ "worker-a": ["orders-sink/0", "orders-sink/1"] });

      await state.connectors.setTargetState("orders-sink", "STOPPED");
      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(1);
      expect(await tasksByWorker(state)).toEqual({ "worker-a": [] });
      expect(await connectorStatus(state, "orders-sink")).toMatchObject({
        state: "STOPPED",
        workerId: COORDINATOR_ID,
      });
    });

    it("assigns no tasks of a STOPPED connector even when a plan landed after the stop", async () => {
      // The race: a leader reads the connector RUNNING, the user stops it (dropping its task configs), then
      // the leader's plan lands; the config is unchanged, so the write succeeds.
      const { state, plan, reconciler, startWorkers } = await setUp();
      await startWorkers("worker-a");
      await state.connectors.createConnector("orders-sink", sinkConfig(), "STOPPED");
      const stopped = await state.connectors.getConnector("orders-sink");
      await state.connectors.writeTaskConfigs("orders-sink", {
        configRevision: stopped?.configRevision ?? 0,
        tasks: [sinkConfig()],
      });

      await reconciler.reconcile();

      expect(plan).not.toHaveBeenCalled();
      expect(await tasksByWorker(state)).toEqual({ "worker-a": [] });
    });

    it("plans a PAUSED connector and keeps its tasks assigned, showing it PAUSED", async () => {
      // As in Connect, a paused connector's tasks stay on their workers, which hold them idle.
      const { state, plan, reconciler, startWorkers } = await setUp();
      await startWorkers("worker-a");
      await state.connectors.createConnector("orders-sink", sinkConfig(), "PAUSED");

      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(1);
      expect(await tasksByWorker(state)).toEqual({ "worker-a": ["orders-sink/0", "orders-sink/1"] });
      expect(await connectorStatus(state, "orders-sink")).toMatchObject({ state: "PAUSED" });
    });

    it("shows a connector RUNNING again once it is resumed", async () => {
      const { state, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig(), "PAUSED");
      await reconciler.reconcile();

      await state.connectors.setTargetState("orders-sink", "RUNNING");
      await reconciler.reconcile();

      expect(await connectorStatus(state, "orders-sink")).toMatchObject({ state: "RUNNING" });
    });
  });

  describe("when planning fails", () => {
    it("reports FAILED, naming the connector class no service hosts, and plans once one registers", async () => {
      const { state, plan, reconciler, hostPlugin } = await setUp({ isPluginHosted: false });
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");

      await reconciler.reconcile();

      expect(plan).not.toHaveBeenCalled();
      expect((await state.connectors.getConnector("orders-sink"))?.taskConfigs).toBeUndefined();
      const failed = await connectorStatus(state, "orders-sink");
      expect(failed).toMatchObject({ state: "FAILED", workerId: COORDINATOR_ID });
      expect(failed?.trace).toContain('no registered service hosts "FileStreamSink"');

      await hostPlugin();
      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(1);
      expect((await state.connectors.getConnector("orders-sink"))?.taskConfigs?.tasks).toHaveLength(2);
      expect(await connectorStatus(state, "orders-sink")).toMatchObject({ state: "RUNNING" });
    });

    it("reports FAILED with the plugin's error when the plan call fails, and asks again on the next pass", async () => {
      const { state, plan, reconciler } = await setUp();
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");
      plan.mockRejectedValueOnce(new Error("the directory /data does not exist"));

      await reconciler.reconcile();

      const failed = await connectorStatus(state, "orders-sink");
      expect(failed?.state).toBe("FAILED");
      expect(failed?.trace).toContain("the directory /data does not exist");

      await reconciler.reconcile();

      expect(plan).toHaveBeenCalledTimes(2);
      expect(await connectorStatus(state, "orders-sink")).toMatchObject({ state: "RUNNING" });
    });
  });

  describe("assigning tasks", () => {
    it("spreads every planned task over the live workers, no worker more than one task ahead", async () => {
      const { state, reconciler, startWorkers } = await setUp();
      await startWorkers("worker-a", "worker-b", "worker-c");
      await state.connectors.createConnector("orders-sink", sinkConfig({ "tasks.max": "4" }), "RUNNING");
      await state.connectors.createConnector("audit-sink", sinkConfig({ "tasks.max": "1" }), "RUNNING");

      await reconciler.reconcile();

      const plan = await tasksByWorker(state);
      expect(Object.values(plan).map((tasks) => tasks.length)).toEqual([2, 2, 1]);
      expect(Object.values(plan).flat().sort()).toEqual([
        "audit-sink/0",
        "orders-sink/0",
        "orders-sink/1",
        "orders-sink/2",
        "orders-sink/3",
      ]);
    });

    it("holds back a task whose old worker still runs it, and hands it over once that worker lets go", async () => {
      const { state, reconciler, startWorkers } = await setUp();
      await startWorkers("worker-a");
      await state.connectors.createConnector("orders-sink", sinkConfig({ "tasks.max": "2" }), "RUNNING");
      await reconciler.reconcile();
      await claimedBy(state, "worker-a", { connector: "orders-sink", task: 0 });
      await claimedBy(state, "worker-a", { connector: "orders-sink", task: 1 });

      await startWorkers("worker-b");
      await reconciler.reconcile();

      // Task 1 belongs on worker-b now, but worker-a may still be running it: it is on neither, for now.
      expect(await tasksByWorker(state)).toEqual({ "worker-a": ["orders-sink/0"], "worker-b": [] });
      expect((await state.assignments.readAssignmentPlan()).generation.pendingTasks).toBe(1);
      expect(await state.assignments.isRebalancing()).toBe(true);

      // worker-a stops task 1 and clears its status.
      await state.statuses.deleteTaskStatus("orders-sink", 1);
      await reconciler.reconcile();

      expect(await tasksByWorker(state)).toEqual({
        "worker-a": ["orders-sink/0"],
        "worker-b": ["orders-sink/1"],
      });
      expect(await state.assignments.isRebalancing()).toBe(false);
    });

    it("keeps a departed worker's tasks with it for rebalanceDelayMs, then moves them to the others", async () => {
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-01T00:00:00.000Z") });
      const { state, registry, reconciler, startWorkers } = await setUp({ rebalanceDelayMs: 60_000 });
      await startWorkers("worker-a", "worker-b");
      await state.connectors.createConnector("orders-sink", sinkConfig({ "tasks.max": "2" }), "RUNNING");
      await reconciler.reconcile();
      expect(await tasksByWorker(state)).toEqual({
        "worker-a": ["orders-sink/0"],
        "worker-b": ["orders-sink/1"],
      });

      await registry.deregister(WORKER_SERVICE_TYPE, "worker-b");
      await reconciler.reconcile();
      vi.advanceTimersByTime(30_000);
      await reconciler.reconcile();

      expect(await tasksByWorker(state)).toEqual({
        "worker-a": ["orders-sink/0"],
        "worker-b": ["orders-sink/1"],
      });

      vi.advanceTimersByTime(30_000);
      await reconciler.reconcile();

      expect(await tasksByWorker(state)).toEqual({ "worker-a": ["orders-sink/0", "orders-sink/1"] });
    });

    it("writes no new generation when the assignments have not changed", async () => {
      const { state, reconciler, startWorkers } = await setUp();
      await startWorkers("worker-a");
      await state.connectors.createConnector("orders-sink", sinkConfig(), "RUNNING");
      await reconciler.reconcile();
      const first = await state.assignments.readAssignmentPlan();

      await reconciler.reconcile();

      const second = await state.assignments.readAssignmentPlan();
      expect(second.generation.generation).toBe(1);
      expect(second.generationRevision).toBe(first.generationRevision);
    });
  });
});
