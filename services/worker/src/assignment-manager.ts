import { WakeUp } from "@connect-mesh/async";
import { type Assignment, type ClusterStores, PluginCatalog, taskKeyOf } from "@connect-mesh/cluster-state";
import type { Lease, ServiceRegistry } from "@connect-mesh/coordination";
import type { Admin, KafkaClient } from "@connect-mesh/kafka";
import type { SourceOffsetStore } from "@connect-mesh/source-offsets";
import type { ConnectMetrics } from "@connect-mesh/telemetry";
import type { Logger } from "pino";
import type { ActiveTopics } from "./active-topics.js";
import type { CommitCadence } from "./background-commits.js";
import type { ConnectorLocator } from "./connector-locator.js";
import { TaskFencedError } from "./task-context.js";
import { TaskRunner } from "./task-runner.js";
import { TaskStatusReporter } from "./task-status-reporter.js";

/** What the worker hands to the tasks it runs. */
export interface WorkerResources {
  readonly workerId: string;
  readonly state: ClusterStores;
  readonly lease: Lease;
  readonly kafka: KafkaClient;
  readonly admin: Admin;
  readonly offsets: SourceOffsetStore;
  readonly locator: ConnectorLocator;
  readonly registry: ServiceRegistry;
  readonly activeTopics: ActiveTopics;
  readonly logger: Logger;
  readonly metrics: ConnectMetrics;
  readonly commitCadence: CommitCadence;
}

/** A task this worker should run, and what makes one run of it different from another. */
interface WantedTask {
  readonly connector: string;
  readonly task: number;
  /** The assignment generation this worker was given the task at. */
  readonly generation: number;
  readonly config: Record<string, string>;
  readonly identity: string;
}

interface RunningTask {
  readonly runner: TaskRunner;
  readonly status: TaskStatusReporter;
  /** The task config, restart count and generation it runs with; a different one means start again. */
  readonly identity: string;
  readonly logger: Logger;
  readonly task: { readonly connector: string; readonly task: number };
}

/**
 * Runs exactly the tasks this worker is assigned, with their current configs: follows the worker's
 * assignment and the connectors' task configs, and after any change starts, stops or restarts tasks so
 * that what runs matches. Changes are applied one at a time, in order. If following the store fails
 * (etcd unreachable), `run` rejects after stopping every task, and the caller decides what next.
 */
export class AssignmentManager {
  private readonly running = new Map<string, RunningTask>();
  /** Assigned tasks of paused connectors: they show PAUSED but run nothing. */
  private readonly paused = new Map<string, TaskStatusReporter>();
  /** The assignment as last seen, with its revision: tasks are claimed against the revision they came from. */
  private current: { assignment: Assignment; revision: number } = { assignment: { tasks: [] }, revision: 0 };
  private catalog = new PluginCatalog([]);

  constructor(private readonly resources: WorkerResources) {}

  /** Follows the assignment until `signal` aborts, then stops every task gracefully. */
  async run(signal: AbortSignal): Promise<void> {
    const wakeUp = new WakeUp();
    const following = Promise.all([
      (async () => {
        for await (const current of this.resources.state.assignments.watchAssignment(
          this.resources.workerId,
          signal,
        )) {
          this.current = current;
          wakeUp.cue();
        }
      })(),
      (async () => {
        for await (const _change of this.resources.state.connectors.connectorChanges(signal)) wakeUp.cue();
      })(),
      this.resources.activeTopics.follow(signal),
      // A task whose plugin has no live service waits for one to register.
      (async () => {
        for await (const instances of this.resources.registry.watch("connector", signal)) {
          this.catalog = new PluginCatalog(instances);
          wakeUp.cue();
        }
      })(),
    ]);
    try {
      for (;;) {
        await Promise.race([wakeUp.next(signal), following]);
        await this.apply();
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      await Promise.allSettled([...this.running.keys()].map((key) => this.stopTask(key)));
      await Promise.allSettled([...this.paused.values()].map((status) => status.clear()));
      await following.catch(() => undefined);
    }
  }

  private async apply(): Promise<void> {
    const { state, logger } = this.resources;
    const wanted = new Map<string, WantedTask>();
    const paused = new Map<string, { connector: string; task: number }>();
    const { connectors } = await state.connectors.listConnectors();
    const { assignment, revision } = this.current;
    for (const { connector, task, generation } of assignment.tasks) {
      const stored = connectors.get(connector);
      const config = stored?.taskConfigs?.tasks[task];
      if (!stored || !config) continue;
      const key = taskKeyOf({ connector, task });
      if (stored.targetState === "RUNNING") {
        // A restart request bumps the count, which changes the identity, which restarts the runner.
        const restart = stored.restarts.tasks[String(task)] ?? 0;
        const identity = JSON.stringify({ config, restart, generation });
        wanted.set(key, { connector, task, generation, config, identity });
      } else if (stored.targetState === "PAUSED") paused.set(key, { connector, task });
    }
    for (const [key, running] of this.running) {
      const next = wanted.get(key);
      if (!next || next.identity !== running.identity) await this.stopTask(key);
    }
    // A paused task stays assigned here, as in Connect, but does no work until it is resumed. Its status
    // goes once it is resumed or unassigned: while it names this worker, the leader gives the task to no other.
    for (const [key, status] of this.paused) {
      if (paused.has(key)) continue;
      this.paused.delete(key);
      await status.clear();
    }
    for (const [key, { connector, task }] of paused) {
      const { workerId, lease } = this.resources;
      const status =
        this.paused.get(key) ??
        new TaskStatusReporter(state.statuses, lease, { connector, task, workerId }, logger);
      this.paused.set(key, status);
      await status.report("PAUSED");
    }
    for (const [key, next] of wanted) {
      if (this.running.has(key)) continue;
      const kind = this.catalog.find(next.config["connector.class"] ?? "")?.plugin.kind;
      if (!kind) {
        logger.warn(
          { connector: next.connector, task: next.task },
          "no service hosts this task's plugin yet; waiting",
        );
        continue;
      }
      await this.startTask(key, next, kind, revision);
    }
  }

  /**
   * Claims the task (its status, written only if the assignment is still at `assignmentRevision`), then
   * starts it. A failed claim means the assignment changed since it was read: the task is left alone, and
   * the next pass, which that change cues, decides again.
   */
  private async startTask(
    key: string,
    task: WantedTask,
    kind: "source" | "sink",
    assignmentRevision: number,
  ): Promise<void> {
    const { workerId, state, lease } = this.resources;
    const logger = this.resources.logger.child({
      connector: task.connector,
      task: task.task,
      generation: task.generation,
    });
    const claim = { state: "RUNNING" as const, workerId, updatedAt: new Date().toISOString() };
    const id = { connector: task.connector, task: task.task };
    if (!(await state.assignments.claimTask(workerId, assignmentRevision, id, claim, lease))) {
      logger.info("the assignment changed before the task could start; looking again");
      return;
    }
    const status = new TaskStatusReporter(
      state.statuses,
      lease,
      { connector: task.connector, task: task.task, workerId },
      logger,
    );
    const assigned = { connector: task.connector, task: task.task, generation: task.generation };
    const confirmStillAssigned = async () => {
      if (!(await state.assignments.mayCommitFor(workerId, assigned)))
        throw new TaskFencedError(task.connector, task.task, task.generation);
    };
    logger.info({ kind }, "starting task");
    const runner = new TaskRunner(
      {
        ...this.resources,
        connector: task.connector,
        task: task.task,
        config: task.config,
        status,
        logger,
        confirmStillAssigned,
      },
      kind,
    );
    this.running.set(key, {
      runner,
      status,
      identity: task.identity,
      logger,
      task: { connector: task.connector, task: task.task },
    });
  }

  private async stopTask(key: string): Promise<void> {
    const running = this.running.get(key);
    if (!running) return;
    this.running.delete(key);
    await running.runner.stop();
    // Said before the status goes: clearing it lets the leader hand the task on at once.
    running.logger.info("stopped task");
    // The task may start on another worker next: its series there are the ones to report.
    this.resources.metrics.removeTask(running.task);
    await running.status.clear();
  }
}
