import { waitFor } from "@connect-mesh/async";
import { type ClusterStores, clusterStores, type RunState, type Status } from "@connect-mesh/cluster-state";
import { type Lease, type ServiceInstance, ServiceRegistry } from "@connect-mesh/coordination";
import { InMemoryCoordinationStore } from "@connect-mesh/coordination/testing";
import type { Admin, KafkaClient } from "@connect-mesh/kafka";
import type { SourceOffsetStore } from "@connect-mesh/source-offsets";
import type { ConnectMetrics } from "@connect-mesh/telemetry";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActiveTopics } from "./active-topics.js";
import { AssignmentManager, type WorkerResources } from "./assignment-manager.js";
import type { CommitCadence } from "./background-commits.js";
import type { ConnectorLocator } from "./connector-locator.js";

/**
 * The task runner is the streams' business (task-runner.test.ts and the integration tests); here a run is
 * only started and stopped. `events` interleaves claims and starts, so a test can see which came first.
 */
const runners = vi.hoisted(() => {
  interface Run {
    readonly connector: string;
    readonly task: number;
    readonly config: Readonly<Record<string, string>>;
    readonly kind: "source" | "sink";
    isStopped: boolean;
  }
  const runs: Run[] = [];
  const events: string[] = [];
  class FakeTaskRunner {
    private readonly run: Run;
    constructor(
      context: { connector: string; task: number; config: Readonly<Record<string, string>> },
      kind: "source" | "sink",
    ) {
      this.run = {
        connector: context.connector,
        task: context.task,
        config: context.config,
        kind,
        isStopped: false,
      };
      runs.push(this.run);
      events.push(`start ${context.connector}/${context.task}`);
    }
    async stop(): Promise<void> {
      this.run.isStopped = true;
    }
  }
  return { runs, events, FakeTaskRunner };
});
vi.mock("./task-runner.js", () => ({ TaskRunner: runners.FakeTaskRunner }));

const aLease: Lease = { id: "1", lost: new AbortController().signal, revoke: async () => undefined };

const WORKER_ID = "worker-a";
const CONNECTOR = "orders-sink";
const deadline = { timeoutMs: 5_000, intervalMs: 5 };

/** The task configs the leader planned: the connector's runtime keys with each task's own `file`. */
function taskConfig(task: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    "connector.class": "FileStreamSink",
    topics: "orders",
    file: `/data/orders-${task}.txt`,
    ...overrides,
  };
}

function connectorService(): ServiceInstance {
  return {
    serviceType: "connector",
    instanceId: "file-connectors-1",
    address: "file-connectors:50051",
    plugins: [
      {
        className: "org.apache.kafka.connect.file.FileStreamSinkConnector",
        aliases: ["FileStreamSink"],
        kind: "sink",
        version: "1.0.0",
      },
    ],
    version: "1.0.0",
    registeredAt: "2026-01-01T00:00:00.000Z",
  };
}

let stopManager: () => Promise<void> = async () => undefined;

afterEach(async () => {
  await stopManager();
  runners.runs.length = 0;
  runners.events.length = 0;
  vi.restoreAllMocks();
});

/**
 * A worker's assignment manager over an empty cluster with one connector, `orders-sink`, planned with
 * `tasks` task configs and in `targetState`. Claims are logged to `runners.events` next to the starts.
 */
async function setUp(
  options: { tasks?: number; targetState?: "RUNNING" | "PAUSED"; isPluginHosted?: boolean } = {},
) {
  const store = new InMemoryCoordinationStore();
  const state = clusterStores(store, "test");
  const registry = new ServiceRegistry(store, state.keys.servicesRoot);
  const logs: { msg: string; task?: number }[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const removeTask = vi.fn<ConnectMetrics["removeTask"]>();

  await state.connectors.createConnector(CONNECTOR, taskConfig(0), options.targetState ?? "RUNNING");
  await planTasks(
    state,
    Array.from({ length: options.tasks ?? 2 }, (_, task) => taskConfig(task)),
  );
  const hostPlugin = () => registry.register(connectorService(), aLease);
  if (options.isPluginHosted ?? true) await hostPlugin();

  const claimTask = state.assignments.claimTask.bind(state.assignments);
  const claims = vi
    .spyOn(state.assignments, "claimTask")
    .mockImplementation(async (workerId, revision, task, status, lease) => {
      const isGranted = await claimTask(workerId, revision, task, status, lease);
      runners.events.push(`claim ${task.connector}/${task.task}: ${isGranted ? "granted" : "refused"}`);
      return isGranted;
    });

  const resources: WorkerResources = {
    workerId: WORKER_ID,
    state,
    lease: aLease,
    registry,
    activeTopics: new ActiveTopics(state.activeTopics, false, logger),
    metrics: { removeTask } as Pick<ConnectMetrics, "removeTask"> as ConnectMetrics,
    logger,
    // Only the task runner, faked here, uses these.
    kafka: {} as KafkaClient,
    admin: {} as Admin,
    offsets: {} as SourceOffsetStore,
    locator: {} as ConnectorLocator,
    commitCadence: {} as CommitCadence,
  };
  const controller = new AbortController();
  const running = new AssignmentManager(resources).run(controller.signal);
  stopManager = async () => {
    controller.abort();
    await running;
    stopManager = async () => undefined;
  };
  return { state, logs, removeTask, claims, hostPlugin, stop: stopManager };
}

/** What the leader writes when it plans: task configs from the connector's current config. */
async function planTasks(state: ClusterStores, tasks: Record<string, string>[]): Promise<void> {
  const connector = await state.connectors.getConnector(CONNECTOR);
  await state.connectors.writeTaskConfigs(CONNECTOR, {
    configRevision: connector?.configRevision ?? 0,
    tasks,
  });
}

/** What the leader writes when it assigns: every worker's tasks of `orders-sink`, as one new generation. */
async function assign(state: ClusterStores, tasksByWorker: Record<string, number[]>): Promise<void> {
  const previous = await state.assignments.readAssignmentPlan();
  const next = new Map(
    Object.entries(tasksByWorker).map(([worker, tasks]) => [
      worker,
      { tasks: tasks.map((task) => ({ connector: CONNECTOR, task })) },
    ]),
  );
  const isWritten = await state.assignments.writeAssignments(
    previous,
    next,
    0,
    await state.assignments.readTaskHolders(),
  );
  if (!isWritten) throw new Error(`the test could not assign ${JSON.stringify(tasksByWorker)}`);
}

async function taskStatus(state: ClusterStores, task: number): Promise<Status | undefined> {
  return (await state.statuses.readStatuses(CONNECTOR)).tasks.get(task);
}

/** The runs of one task, oldest first. */
function runsOf(task: number) {
  return runners.runs.filter((run) => run.connector === CONNECTOR && run.task === task);
}

function waitForRuns(count: number, description: string) {
  return waitFor(
    () => runners.runs.length,
    (n) => n === count,
    { ...deadline, description },
  );
}

function waitForStatus(state: ClusterStores, task: number, wanted: RunState | undefined) {
  return waitFor(
    () => taskStatus(state, task),
    (status) => status?.state === wanted,
    { ...deadline, description: `task ${task}'s status to be ${wanted ?? "cleared"}` },
  );
}

describe("AssignmentManager", () => {
  it("claims each task of its assignment before starting it, with its planned config", async () => {
    const { state } = await setUp({ tasks: 2 });

    await assign(state, { [WORKER_ID]: [0, 1] });
    await waitForRuns(2, "both tasks to start");

    expect(runners.events).toEqual([
      "claim orders-sink/0: granted",
      "start orders-sink/0",
      "claim orders-sink/1: granted",
      "start orders-sink/1",
    ]);
    expect(runners.runs.map(({ task, config, kind }) => ({ task, config, kind }))).toEqual([
      { task: 0, config: taskConfig(0), kind: "sink" },
      { task: 1, config: taskConfig(1), kind: "sink" },
    ]);
    // The claim is the task's status, naming this worker: the leader moves no task away while it does.
    expect(await taskStatus(state, 0)).toMatchObject({ state: "RUNNING", workerId: WORKER_ID });
    expect(await taskStatus(state, 1)).toMatchObject({ state: "RUNNING", workerId: WORKER_ID });
  });

  it("starts no task whose claim is refused, and decides again once the changed assignment arrives", async () => {
    const { state, claims } = await setUp({ tasks: 2 });
    const claimTask = claims.getMockImplementation();
    // The leader moves task 1 to another worker just as this worker claims task 0: both claims name an
    // assignment revision that is no longer current, so both are refused.
    claims.mockImplementationOnce(async (...args) => {
      await assign(state, { [WORKER_ID]: [0], "worker-b": [1] });
      if (!claimTask) throw new Error("claimTask lost its implementation");
      return claimTask(...args);
    });

    await assign(state, { [WORKER_ID]: [0, 1] });
    await waitForRuns(1, "task 0 to start from the new assignment");

    expect(runners.events).toEqual([
      "claim orders-sink/0: refused",
      "claim orders-sink/1: refused",
      "claim orders-sink/0: granted",
      "start orders-sink/0",
    ]);
    expect(await taskStatus(state, 1)).toBeUndefined();
  });

  it("stops a task taken from its assignment, forgets its metrics and clears its status, leaving the rest", async () => {
    const { state, removeTask } = await setUp({ tasks: 2 });
    await assign(state, { [WORKER_ID]: [0, 1] });
    await waitForRuns(2, "both tasks to start");

    await assign(state, { [WORKER_ID]: [0], "worker-b": [1] });
    await waitForStatus(state, 1, undefined);

    expect(runsOf(1).map((run) => run.isStopped)).toEqual([true]);
    expect(removeTask).toHaveBeenCalledWith({ connector: CONNECTOR, task: 1 });
    expect(runsOf(0).map((run) => run.isStopped)).toEqual([false]);
    expect(await taskStatus(state, 0)).toMatchObject({ state: "RUNNING", workerId: WORKER_ID });
  });

  it("restarts a task whose planned config changed with the new config, and only that task", async () => {
    const { state } = await setUp({ tasks: 2 });
    await assign(state, { [WORKER_ID]: [0, 1] });
    await waitForRuns(2, "both tasks to start");

    await planTasks(state, [taskConfig(0), taskConfig(1, { file: "/data/orders-1-new.txt" })]);
    await waitForRuns(3, "task 1 to start again");

    expect(runsOf(1).map(({ isStopped, config }) => ({ isStopped, file: config.file }))).toEqual([
      { isStopped: true, file: "/data/orders-1.txt" },
      { isStopped: false, file: "/data/orders-1-new.txt" },
    ]);
    expect(runsOf(0).map((run) => run.isStopped)).toEqual([false]);
  });

  it("restarts a task asked to restart, and only that task", async () => {
    const { state } = await setUp({ tasks: 2 });
    await assign(state, { [WORKER_ID]: [0, 1] });
    await waitForRuns(2, "both tasks to start");

    await state.connectors.requestRestart(CONNECTOR, { connector: false, tasks: [0] });
    await waitForRuns(3, "task 0 to start again");

    expect(runsOf(0).map((run) => run.isStopped)).toEqual([true, false]);
    expect(runsOf(1).map((run) => run.isStopped)).toEqual([false]);
  });

  it("stops the tasks of a paused connector but keeps showing them PAUSED here, and starts them on resume", async () => {
    const { state } = await setUp({ tasks: 1 });
    await assign(state, { [WORKER_ID]: [0] });
    await waitForRuns(1, "the task to start");

    await state.connectors.setTargetState(CONNECTOR, "PAUSED");
    const paused = await waitForStatus(state, 0, "PAUSED");

    expect(paused?.workerId).toBe(WORKER_ID);
    expect(runsOf(0).map((run) => run.isStopped)).toEqual([true]);

    await state.connectors.setTargetState(CONNECTOR, "RUNNING");
    await waitForRuns(2, "the task to start again");

    expect(runsOf(0).map((run) => run.isStopped)).toEqual([true, false]);
    expect(await taskStatus(state, 0)).toMatchObject({ state: "RUNNING", workerId: WORKER_ID });
  });

  it("shows the tasks of a connector assigned while paused PAUSED, without claiming or starting them", async () => {
    const { state } = await setUp({ tasks: 1, targetState: "PAUSED" });

    await assign(state, { [WORKER_ID]: [0] });
    await waitForStatus(state, 0, "PAUSED");

    expect(runners.events).toEqual([]);
  });

  it("waits for a service hosting the task's plugin before claiming and starting the task", async () => {
    const { state, logs, hostPlugin } = await setUp({ tasks: 1, isPluginHosted: false });
    await assign(state, { [WORKER_ID]: [0] });
    await waitFor(
      () => logs.filter((log) => log.msg === "no service hosts this task's plugin yet; waiting"),
      (waiting) => waiting.some((log) => log.task === 0),
      { ...deadline, description: "the worker to notice that no service hosts the plugin" },
    );
    expect(runners.events).toEqual([]);

    await hostPlugin();
    await waitForRuns(1, "the task to start once its plugin is hosted");

    expect(runners.events).toEqual(["claim orders-sink/0: granted", "start orders-sink/0"]);
  });

  it("stops every task and clears the statuses it wrote when run's signal aborts", async () => {
    const { state, stop } = await setUp({ tasks: 2 });
    await assign(state, { [WORKER_ID]: [0, 1] });
    await waitForRuns(2, "both tasks to start");

    await stop();

    expect(runners.runs.map((run) => run.isStopped)).toEqual([true, true]);
    expect((await state.statuses.readStatuses(CONNECTOR)).tasks.size).toBe(0);
  });

  it("clears the PAUSED statuses it shows when run's signal aborts", async () => {
    // A PAUSED status names this worker, and while it does the leader gives the task to no other.
    const { state, stop } = await setUp({ tasks: 1, targetState: "PAUSED" });
    await assign(state, { [WORKER_ID]: [0] });
    await waitForStatus(state, 0, "PAUSED");

    await stop();

    expect(await taskStatus(state, 0)).toBeUndefined();
  });
});
