import { type CoordinationStore, type Lease, WatchCompactedError } from "@connect-mesh/coordination";
import type { z } from "zod";
import { ClusterKeys } from "./cluster-keys.js";
import {
  type AssignedTask,
  Assignment,
  AssignmentGeneration,
  ClusterLoggerLevel,
  ConnectorConfig,
  parseStored,
  RestartCounts,
  Status,
  TargetState,
  TaskConfigs,
  type TaskId,
} from "./records.js";

/** A connector as stored: its config, the config's revision, its target state and planned tasks. */
export interface StoredConnector {
  readonly name: string;
  readonly config: ConnectorConfig;
  /** The config's modRevision: bumps on every change, and guards every write that depends on the config. */
  readonly configRevision: number;
  readonly targetState: TargetState;
  /** Undefined until the leader has planned the tasks. */
  readonly taskConfigs: z.output<typeof TaskConfigs> | undefined;
  readonly restarts: RestartCounts;
}

/** The statuses reported for one connector. */
export interface ConnectorStatuses {
  readonly connector: Status | undefined;
  readonly tasks: ReadonlyMap<number, Status>;
}

/** The worker a task's status names, and the status key's revision (to guard a move on it). */
export interface TaskHolder {
  readonly workerId: string;
  readonly modRevision: number;
}

/** Every worker's assignment and the generation it was written at. */
export interface AssignmentPlan {
  readonly assignments: ReadonlyMap<string, Assignment>;
  readonly generation: AssignmentGeneration;
  /** The modRevision of the generation key; 0 before the first assignment. */
  readonly generationRevision: number;
}

const NO_GENERATION: AssignmentGeneration = { generation: 0, pendingTasks: 0, updatedAt: "" };

/** A cluster-scope logger level as written, with the revision that orders it among the others. */
export interface LoggerLevelChange {
  readonly namespace: string;
  /** Connect's level name, as the REST API was given it. */
  readonly level: string;
  /** The write's revision; pass it as `afterRevision` to resume following after this change. */
  readonly revision: number;
}

/** How many times a read-modify-write is retried when another writer got in between. */
const MAX_CONFLICT_RETRIES = 10;

/**
 * Typed reads and writes of the cluster's state in the coordination store, in the layout of `ClusterKeys`.
 * Every write that depends on what was read is conditional on the revisions read, so concurrent
 * coordinators never overwrite each other's newer state.
 */
export class ClusterState {
  readonly keys: ClusterKeys;

  constructor(
    private readonly store: CoordinationStore,
    cluster: string,
  ) {
    this.keys = new ClusterKeys(cluster);
  }

  /** Creates a connector; resolves false, writing nothing, when the name is taken. */
  async createConnector(name: string, config: ConnectorConfig, targetState: TargetState): Promise<boolean> {
    const result = await this.store.commit({
      conditions: [{ key: this.keys.connectorConfig(name), modRevision: 0 }],
      puts: [
        { key: this.keys.connectorConfig(name), value: JSON.stringify(config) },
        { key: this.keys.targetState(name), value: JSON.stringify(targetState) },
      ],
    });
    return result.succeeded;
  }

  /** Creates or replaces a connector's config (Connect's PUT /config); resolves whether it was created. */
  async putConnectorConfig(name: string, config: ConnectorConfig): Promise<{ created: boolean }> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const existing = await this.store.get(this.keys.connectorConfig(name));
      const puts = [{ key: this.keys.connectorConfig(name), value: JSON.stringify(config) }];
      if (!existing) puts.push({ key: this.keys.targetState(name), value: JSON.stringify("RUNNING") });
      const result = await this.store.commit({
        conditions: [{ key: this.keys.connectorConfig(name), modRevision: existing?.modRevision ?? 0 }],
        puts,
      });
      if (result.succeeded) return { created: !existing };
    }
    throw new Error(`the config of connector "${name}" kept changing under us; try again`);
  }

  /**
   * Sets a connector's target state; resolves false when the connector does not exist. Stopping, as in
   * Kafka Connect, also drops its task configs, so nothing is assigned and offsets may be changed safely;
   * resuming plans the tasks again.
   */
  async setTargetState(name: string, targetState: TargetState): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const existing = await this.store.get(this.keys.connectorConfig(name));
      if (!existing) return false;
      const result = await this.store.commit({
        conditions: [{ key: this.keys.connectorConfig(name), modRevision: existing.modRevision }],
        puts: [{ key: this.keys.targetState(name), value: JSON.stringify(targetState) }],
        deletes: targetState === "STOPPED" ? [this.keys.taskConfigs(name)] : [],
      });
      if (result.succeeded) return true;
    }
    throw new Error(`the config of connector "${name}" kept changing under us; try again`);
  }

  /**
   * Asks for a restart of the connector (a new plan) and of the given tasks (their workers start them
   * again); resolves false when the connector does not exist.
   */
  async requestRestart(
    name: string,
    request: { connector: boolean; tasks: readonly number[] },
  ): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const connector = await this.getConnector(name);
      if (!connector) return false;
      const current = await this.store.get(this.keys.restarts(name));
      const counts = connector.restarts;
      const next: RestartCounts = {
        connector: counts.connector + (request.connector ? 1 : 0),
        tasks: { ...counts.tasks },
      };
      for (const task of request.tasks) next.tasks[String(task)] = (counts.tasks[String(task)] ?? 0) + 1;
      const result = await this.store.commit({
        conditions: [
          { key: this.keys.connectorConfig(name), modRevision: connector.configRevision },
          { key: this.keys.restarts(name), modRevision: current?.modRevision ?? 0 },
        ],
        puts: [{ key: this.keys.restarts(name), value: JSON.stringify(next) }],
      });
      if (result.succeeded) return true;
    }
    throw new Error(`the connector "${name}" kept changing under us; try again`);
  }

  /** Deletes a connector with its tasks and statuses; resolves false when it did not exist. */
  async deleteConnector(name: string): Promise<boolean> {
    const existing = await this.store.get(this.keys.connectorConfig(name));
    if (!existing) return false;
    const { items: statuses } = await this.store.list(this.keys.connectorStatusPrefix(name));
    const { items: topics } = await this.store.list(this.keys.connectorTopicsPrefix(name));
    const result = await this.store.commit({
      conditions: [{ key: this.keys.connectorConfig(name), modRevision: existing.modRevision }],
      deletes: [
        this.keys.connectorConfig(name),
        this.keys.targetState(name),
        this.keys.taskConfigs(name),
        this.keys.restarts(name),
        ...statuses.map((s) => s.key),
        ...topics.map((t) => t.key),
      ],
    });
    // Lost a race with another change: that change wins and the caller may retry the delete.
    return result.succeeded;
  }

  /** One connector, or undefined when it does not exist. */
  async getConnector(name: string): Promise<StoredConnector | undefined> {
    const { items } = await this.store.list(this.keys.connectorPrefix(name));
    return this.assemble(name, items);
  }

  /** Every connector, by name, with the revision the listing was read at. */
  async listConnectors(): Promise<{ connectors: Map<string, StoredConnector>; revision: number }> {
    const { items, revision } = await this.store.list(this.keys.connectorsPrefix);
    const byName = new Map<string, { key: string; value: string; modRevision: number }[]>();
    for (const item of items) {
      const name = this.keys.connectorNameOf(item.key);
      if (name === undefined) continue;
      byName.set(name, [...(byName.get(name) ?? []), item]);
    }
    const connectors = new Map<string, StoredConnector>();
    for (const [name, connectorItems] of byName) {
      const connector = this.assemble(name, connectorItems);
      if (connector) connectors.set(name, connector);
    }
    return { connectors, revision };
  }

  /**
   * Stores planned task configs, but only if the connector's config is still the one they were planned
   * from; resolves false (writing nothing) if it changed meanwhile or the connector was deleted.
   */
  async writeTaskConfigs(name: string, taskConfigs: TaskConfigs): Promise<boolean> {
    const result = await this.store.commit({
      conditions: [{ key: this.keys.connectorConfig(name), modRevision: taskConfigs.configRevision }],
      puts: [{ key: this.keys.taskConfigs(name), value: JSON.stringify(taskConfigs) }],
    });
    return result.succeeded;
  }

  /** Every worker's assignment, by worker id. */
  async readAssignments(): Promise<ReadonlyMap<string, Assignment>> {
    return (await this.readAssignmentPlan()).assignments;
  }

  /** Every worker's assignment, with the generation they were written at (for `writeAssignments`). */
  async readAssignmentPlan(): Promise<AssignmentPlan> {
    const [{ items }, generation] = await Promise.all([
      this.store.list(this.keys.assignmentsPrefix),
      this.store.get(this.keys.assignmentGeneration),
    ]);
    return {
      generationRevision: generation?.modRevision ?? 0,
      generation: generation
        ? parseStored(AssignmentGeneration, generation.key, generation.value)
        : NO_GENERATION,
      assignments: new Map(
        items.map((item) => [
          decodeURIComponent(item.key.slice(this.keys.assignmentsPrefix.length)),
          parseStored(Assignment, item.key, item.value),
        ]),
      ),
    };
  }

  /**
   * Replaces every worker's assignment at once (workers missing from `next` lose theirs) as the next
   * generation, but only if no one changed them since `previous` was read; resolves false, writing nothing,
   * if someone did. A task a worker already had keeps the generation it was given at; a task new to its
   * worker is stamped with the new one. `pendingTasks` counts tasks left out because they are still
   * stopping elsewhere: while it is above zero a rebalance is under way. `holders` (from `readTaskHolders`)
   * guards every task new to its worker: if its status changed since it was read (a worker claimed it
   * meanwhile), nothing is written.
   */
  async writeAssignments(
    previous: AssignmentPlan,
    next: ReadonlyMap<string, { readonly tasks: readonly TaskId[] }>,
    pendingTasks: number,
    holders: ReadonlyMap<string, TaskHolder> = new Map(),
  ): Promise<boolean> {
    const generation = previous.generation.generation + 1;
    const stamped = [...next].map(([workerId, { tasks }]): [string, Assignment] => {
      const had = new Map(
        (previous.assignments.get(workerId)?.tasks ?? []).map((t) => [taskKeyOf(t), t.generation]),
      );
      return [
        workerId,
        {
          tasks: tasks.map((t) => ({
            connector: t.connector,
            task: t.task,
            generation: had.get(taskKeyOf(t)) ?? generation,
          })),
        },
      ];
    });
    const record: AssignmentGeneration = { generation, pendingTasks, updatedAt: new Date().toISOString() };
    const newToTheirWorker = stamped.flatMap(([, { tasks }]) =>
      tasks.filter((t) => t.generation === generation),
    );
    const result = await this.store.commit({
      conditions: [
        { key: this.keys.assignmentGeneration, modRevision: previous.generationRevision },
        ...newToTheirWorker.map((t) => ({
          key: this.keys.taskStatus(t.connector, t.task),
          modRevision: holders.get(taskKeyOf(t))?.modRevision ?? 0,
        })),
      ],
      puts: [
        { key: this.keys.assignmentGeneration, value: JSON.stringify(record) },
        ...stamped.map(([workerId, assignment]) => ({
          key: this.keys.assignment(workerId),
          value: JSON.stringify(assignment),
        })),
      ],
      deletes: [...previous.assignments.keys()]
        .filter((id) => !next.has(id))
        .map((id) => this.keys.assignment(id)),
    });
    return result.succeeded;
  }

  /** Whether the leader is holding tasks back while they move between workers (Connect's rebalance). */
  async isRebalancing(): Promise<boolean> {
    const stored = await this.store.get(this.keys.assignmentGeneration);
    if (!stored) return false;
    return parseStored(AssignmentGeneration, stored.key, stored.value).pendingTasks > 0;
  }

  /**
   * Whether `workerId` may still commit offsets for the run of `task` it started at `task.generation`: yes
   * while its assignment holds the task at that generation, and while no worker holds it at all (it is
   * being taken from this worker, and goes to the next only once this one has stopped it); no once another
   * worker holds it, or this worker holds it again at a newer generation. A linearizable read, so a worker
   * cut off from the store cannot confirm. Workers ask before every offset commit: that fences zombies.
   */
  async mayCommitFor(workerId: string, task: AssignedTask): Promise<boolean> {
    const { items } = await this.store.list(this.keys.assignmentsPrefix);
    for (const item of items) {
      const holder = decodeURIComponent(item.key.slice(this.keys.assignmentsPrefix.length));
      const held = parseStored(Assignment, item.key, item.value).tasks.find(
        (t) => taskKeyOf(t) === taskKeyOf(task),
      );
      if (held) return holder === workerId && held.generation === task.generation;
    }
    return true;
  }

  /**
   * Which worker each task's status names, by `taskKeyOf`: the worker that may still be running it. A
   * status is written under its worker's lease and removed when the task stops, so a task missing here
   * runs nowhere.
   */
  async readTaskHolders(): Promise<ReadonlyMap<string, TaskHolder>> {
    const { items } = await this.store.list(this.keys.statusPrefix);
    const holders = new Map<string, TaskHolder>();
    for (const item of items) {
      const task = this.keys.taskOfStatusKey(item.key);
      if (task) {
        const { workerId } = parseStored(Status, item.key, item.value);
        holders.set(taskKeyOf(task), { workerId, modRevision: item.modRevision });
      }
    }
    return holders;
  }

  /**
   * A worker claims a task before it starts it: writes the task's status, under its lease, but only if its
   * assignment is still the one it read (`assignmentRevision`). Resolves false, writing nothing, when the
   * assignment changed meanwhile. With `writeAssignments`' guard this makes a hand-over safe both ways:
   * either the claim lands first and the leader's move fails and is recomputed (holding the task back), or
   * the move lands first and the claim fails, so the task never starts on two workers.
   */
  async claimTask(
    workerId: string,
    assignmentRevision: number,
    task: TaskId,
    status: Status,
    lease: Lease,
  ): Promise<boolean> {
    const result = await this.store.commit({
      conditions: [{ key: this.keys.assignment(workerId), modRevision: assignmentRevision }],
      puts: [{ key: this.keys.taskStatus(task.connector, task.task), value: JSON.stringify(status), lease }],
    });
    return result.succeeded;
  }

  /**
   * Follows one worker's assignment: yields it now and after every change (an empty assignment when the key
   * is absent), with the key's revision (for `claimTask`; 0 when absent), until `signal` aborts.
   */
  async *watchAssignment(
    workerId: string,
    signal: AbortSignal,
  ): AsyncGenerator<{ assignment: Assignment; revision: number }> {
    const key = this.keys.assignment(workerId);
    const { items, revision } = await this.store.list(key);
    const current = items.find((item) => item.key === key);
    yield current
      ? { assignment: parseStored(Assignment, key, current.value), revision: current.modRevision }
      : { assignment: { tasks: [] }, revision: 0 };
    for await (const event of this.store.watch(key, { afterRevision: revision, signal })) {
      if (event.key !== key) continue;
      yield event.type === "put"
        ? { assignment: parseStored(Assignment, key, event.value), revision: event.modRevision }
        : { assignment: { tasks: [] }, revision: 0 };
    }
  }

  /**
   * Yields once now and once after every change to any connector's config, target state or tasks, until
   * `signal` aborts: a cue to look again, not the change itself.
   */
  connectorChanges(signal: AbortSignal): AsyncGenerator<void> {
    return this.changesUnder(this.keys.connectorsPrefix, signal);
  }

  /** Like `connectorChanges`, for every connector's and task's status: the leader waits on tasks stopping. */
  statusChanges(signal: AbortSignal): AsyncGenerator<void> {
    return this.changesUnder(this.keys.statusPrefix, signal);
  }

  private async *changesUnder(prefix: string, signal: AbortSignal): AsyncGenerator<void> {
    const { revision } = await this.store.list(prefix);
    yield;
    for await (const _event of this.store.watch(prefix, { afterRevision: revision, signal })) {
      yield;
    }
  }

  /**
   * Records a cluster-scope logger level, for every process that follows `loggerLevelChanges` to apply;
   * resolves with the write's revision.
   */
  async writeClusterLoggerLevel(namespace: string, level: string): Promise<number> {
    const value: ClusterLoggerLevel = { level, updatedAt: new Date().toISOString() };
    return this.store.put(this.keys.loggerLevel(namespace), JSON.stringify(value));
  }

  /**
   * Yields the cluster-scope logger levels written after `afterRevision`, in the order they were written,
   * until `signal` aborts. Without `afterRevision` it starts from now: as in Kafka Connect (KIP-976), a
   * process applies only the levels set while it runs, so a restart goes back to its configured levels.
   * When the store has compacted the history the watch needs, the levels written since are read from a
   * fresh listing, so none is missed. Other errors end the iteration; resume after the last revision seen.
   */
  async *loggerLevelChanges(options: {
    afterRevision?: number;
    signal: AbortSignal;
  }): AsyncGenerator<LoggerLevelChange> {
    const prefix = this.keys.loggerLevelsPrefix;
    let seen = options.afterRevision ?? (await this.store.list(prefix)).revision;
    while (!options.signal.aborted) {
      try {
        for await (const event of this.store.watch(prefix, { afterRevision: seen, signal: options.signal })) {
          seen = event.modRevision;
          if (event.type === "put") yield this.loggerLevelChange(event.key, event.value, event.modRevision);
        }
        return;
      } catch (error) {
        if (!(error instanceof WatchCompactedError)) throw error;
        const { items, revision } = await this.store.list(prefix);
        const missed = items.filter((item) => item.modRevision > seen);
        for (const item of missed.sort((a, b) => a.modRevision - b.modRevision)) {
          yield this.loggerLevelChange(item.key, item.value, item.modRevision);
        }
        seen = revision;
      }
    }
  }

  private loggerLevelChange(key: string, value: string, revision: number): LoggerLevelChange {
    return {
      namespace: this.keys.loggerNamespaceOf(key) ?? "",
      level: parseStored(ClusterLoggerLevel, key, value).level,
      revision,
    };
  }

  /** Records a connector's status (written by the leader). */
  async writeConnectorStatus(name: string, status: Status): Promise<void> {
    await this.store.put(this.keys.connectorStatus(name), JSON.stringify(status));
  }

  /**
   * Records a task's status under the reporting worker's lease, so that a dead worker's statuses vanish
   * with it instead of claiming forever that its tasks still run.
   */
  async writeTaskStatus(name: string, task: number, status: Status, lease: Lease): Promise<void> {
    await this.store.put(this.keys.taskStatus(name, task), JSON.stringify(status), { lease });
  }

  /** Removes a task's status, when its worker stops it because it was unassigned. */
  async deleteTaskStatus(name: string, task: number): Promise<void> {
    await this.store.delete(this.keys.taskStatus(name, task));
  }

  /** The statuses reported for one connector. */
  async readStatuses(name: string): Promise<ConnectorStatuses> {
    const prefix = this.keys.connectorStatusPrefix(name);
    const { items } = await this.store.list(prefix);
    let connector: Status | undefined;
    const tasks = new Map<number, Status>();
    for (const item of items) {
      const rest = item.key.slice(prefix.length);
      if (rest === "connector") connector = parseStored(Status, item.key, item.value);
      else if (rest.startsWith("tasks/"))
        tasks.set(Number(rest.slice("tasks/".length)), parseStored(Status, item.key, item.value));
    }
    return { connector, tasks };
  }

  /** Records that a connector used `topic` (Connect's active topics); a topic already recorded stays as is. */
  async recordActiveTopic(name: string, topic: string): Promise<void> {
    const key = this.keys.activeTopic(name, topic);
    await this.store.commit({
      conditions: [{ key, modRevision: 0 }],
      puts: [{ key, value: JSON.stringify({ recordedAt: new Date().toISOString() }) }],
    });
  }

  /** The topics a connector used since it was created or its topics were last reset, sorted. */
  async readActiveTopics(name: string): Promise<string[]> {
    const prefix = this.keys.connectorTopicsPrefix(name);
    const { items } = await this.store.list(prefix);
    return items.map((item) => decodeURIComponent(item.key.slice(prefix.length))).sort();
  }

  /** Forgets a connector's active topics (Connect's PUT /connectors/{name}/topics/reset). */
  async resetActiveTopics(name: string): Promise<void> {
    const { items } = await this.store.list(this.keys.connectorTopicsPrefix(name));
    if (items.length > 0) await this.store.commit({ conditions: [], deletes: items.map((item) => item.key) });
  }

  /**
   * Yields the connector and topic of every active topic forgotten from now on (a reset or a deleted
   * connector), until `signal` aborts: workers drop them from what they remember having recorded.
   */
  async *forgottenActiveTopics(signal: AbortSignal): AsyncGenerator<{ connector: string; topic: string }> {
    const prefix = this.keys.activeTopicsPrefix;
    const { revision } = await this.store.list(prefix);
    for await (const event of this.store.watch(prefix, { afterRevision: revision, signal })) {
      if (event.type !== "delete") continue;
      const [connector, topic] = event.key.slice(prefix.length).split("/");
      if (connector !== undefined && topic !== undefined)
        yield { connector: decodeURIComponent(connector), topic: decodeURIComponent(topic) };
    }
  }

  private assemble(
    name: string,
    items: readonly { key: string; value: string; modRevision: number }[],
  ): StoredConnector | undefined {
    const find = (key: string) => items.find((item) => item.key === key);
    const config = find(this.keys.connectorConfig(name));
    if (!config) return undefined;
    const targetState = find(this.keys.targetState(name));
    const taskConfigs = find(this.keys.taskConfigs(name));
    const restarts = find(this.keys.restarts(name));
    return {
      name,
      config: parseStored(ConnectorConfig, config.key, config.value),
      configRevision: config.modRevision,
      targetState: targetState ? parseStored(TargetState, targetState.key, targetState.value) : "RUNNING",
      taskConfigs: taskConfigs ? parseStored(TaskConfigs, taskConfigs.key, taskConfigs.value) : undefined,
      restarts: restarts
        ? parseStored(RestartCounts, restarts.key, restarts.value)
        : { connector: 0, tasks: {} },
    };
  }
}

/** A task's identity as one string, for maps and sets keyed by task. */
export function taskKeyOf(task: TaskId): string {
  return `${task.connector}\u0000${task.task}`;
}
