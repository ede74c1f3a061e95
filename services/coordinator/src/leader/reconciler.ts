import {
  type ClusterStores,
  type PluginCatalog,
  type StoredConnector,
  type TaskId,
  taskKeyOf,
} from "@connect-mesh/cluster-state";
import { connectorRuntimeSettingsFrom } from "@connect-mesh/connector-config";
import type { ServiceRegistry } from "@connect-mesh/coordination";
import type { Logger } from "pino";
import type { ConnectorServices } from "../connector-services.js";
import { assignTasks, type TaskList } from "./assign-tasks.js";
import { DepartedWorkers } from "./departed-workers.js";
import { holdBackMovingTasks } from "./hold-back-moving-tasks.js";

/** The service type workers register under. */
export const WORKER_SERVICE_TYPE = "worker";

/** What the leader needs to turn connector configs into running tasks. */
export interface ReconcilerDeps {
  readonly state: ClusterStores;
  readonly registry: ServiceRegistry;
  readonly services: ConnectorServices;
  readonly catalog: () => Promise<PluginCatalog>;
  readonly coordinatorId: string;
  /** Connect's scheduled.rebalance.max.delay.ms: how long a departed worker's tasks wait for it. */
  readonly rebalanceDelayMs: number;
  readonly logger: Logger;
}

/**
 * The leader's one job, done from scratch each time so that any leader can pick up where another left
 * off: plan the tasks of every connector whose config is newer than its tasks, then spread all tasks over
 * the live workers. Every write is conditional (see the cluster-state stores), so a stale leader cannot undo a newer one.
 */
export class Reconciler {
  private readonly departed: DepartedWorkers;

  constructor(private readonly deps: ReconcilerDeps) {
    this.departed = new DepartedWorkers(deps.rebalanceDelayMs);
  }

  async reconcile(): Promise<void> {
    const { state, registry } = this.deps;
    const { connectors } = await state.connectors.listConnectors();
    for (const connector of connectors.values()) {
      if (connector.targetState === "STOPPED") await this.reportConnectorState(connector);
      else if (needsPlan(connector)) await this.plan(connector);
      else await this.reportConnectorState(connector);
    }

    const planned = (await state.connectors.listConnectors()).connectors;
    const tasks: TaskId[] = [...planned.values()]
      .filter((c) => c.targetState !== "STOPPED" && c.taskConfigs?.configRevision === c.configRevision)
      .flatMap((c) => (c.taskConfigs?.tasks ?? []).map((_, task) => ({ connector: c.name, task })));
    const workers = (await registry.list(WORKER_SERVICE_TYPE)).map((w) => w.instanceId);
    const previous = await state.assignments.readAssignmentPlan();
    const held = this.departed.heldFor(workers, [...previous.assignments.keys()]);
    const wanted = assignTasks(tasks, workers, previous.assignments, held);
    const holders = await state.assignments.readTaskHolders();
    const { next, pendingTasks } = holdBackMovingTasks(wanted, holders);
    if (sameAssignments(previous.assignments, next) && pendingTasks === previous.generation.pendingTasks)
      return;
    if (await state.assignments.writeAssignments(previous, next, pendingTasks, holders)) {
      this.deps.logger.info(
        { workers: workers.length, tasks: tasks.length, pendingTasks },
        pendingTasks > 0
          ? "assigned tasks; some wait for their previous worker to stop them"
          : "assigned tasks",
      );
    } else {
      // Another leader wrote in between (we are about to lose leadership, or just won it), or a worker
      // claimed a task this plan moves: look again.
      this.deps.logger.warn(
        "the assignments changed while they were computed; the next pass computes them again",
      );
    }
  }

  /** Shows the connector in its target state (RUNNING, PAUSED or STOPPED), unless it already is. */
  private async reportConnectorState(connector: StoredConnector): Promise<void> {
    const { state, coordinatorId } = this.deps;
    const current = (await state.statuses.readStatuses(connector.name)).connector;
    if (current?.state === connector.targetState && current.workerId === coordinatorId) return;
    await state.statuses.writeConnectorStatus(connector.name, {
      state: connector.targetState,
      workerId: coordinatorId,
      updatedAt: new Date().toISOString(),
    });
  }

  private async plan(connector: StoredConnector): Promise<void> {
    const { state, services, coordinatorId, logger } = this.deps;
    const log = logger.child({ connector: connector.name });
    const entry = (await this.deps.catalog()).find(connector.config["connector.class"] ?? "");
    try {
      if (!entry) {
        throw new Error(
          `no registered service hosts "${connector.config["connector.class"]}"; tasks will be planned when one registers`,
        );
      }
      const maxTasks = connectorRuntimeSettingsFrom(connector.config).tasksMax;
      const response = await services.plan(entry.plugin.className, entry.addresses, {
        connectorName: connector.name,
        config: connector.config,
        maxTasks,
      });
      // Connect's tasks.max.enforce: a plugin that plans more than it was allowed is a bug in the plugin.
      // Each task config carries the connector's runtime keys (converters, topics, errors.*) under the
      // plugin's own keys, so a worker needs nothing but its task config.
      const tasks = response.tasks.slice(0, maxTasks).map((t) => ({ ...connector.config, ...t.config }));
      const planned = {
        configRevision: connector.configRevision,
        connectorRestart: connector.restarts.connector,
        tasks,
      };
      if (await state.connectors.writeTaskConfigs(connector.name, planned)) {
        log.info({ tasks: tasks.length }, "planned tasks");
        await this.reportConnectorState(connector);
      }
    } catch (error) {
      log.warn({ err: error }, "could not plan the connector's tasks; will retry");
      await state.statuses.writeConnectorStatus(connector.name, {
        state: "FAILED",
        workerId: coordinatorId,
        trace: error instanceof Error ? (error.stack ?? error.message) : String(error),
        updatedAt: new Date().toISOString(),
      });
    }
  }
}

/** Tasks are planned again when the config changed since, or the connector was asked to restart since. */
function needsPlan(connector: StoredConnector): boolean {
  return (
    connector.taskConfigs?.configRevision !== connector.configRevision ||
    connector.taskConfigs.connectorRestart !== connector.restarts.connector
  );
}

/** Whether two plans give every worker the same tasks (generations aside). */
function sameAssignments(a: ReadonlyMap<string, TaskList>, b: ReadonlyMap<string, TaskList>): boolean {
  if (a.size !== b.size) return false;
  const keysOf = (list: TaskList | undefined) => (list?.tasks ?? []).map(taskKeyOf).join("\n");
  for (const [worker, assignment] of a) {
    if (!b.has(worker) || keysOf(assignment) !== keysOf(b.get(worker))) return false;
  }
  return true;
}
