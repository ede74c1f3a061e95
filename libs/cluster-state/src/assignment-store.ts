import type { CoordinationStore, Lease } from "@connect-mesh/coordination";
import type { ClusterKeys } from "./cluster-keys.js";
import {
  type AssignedTask,
  Assignment,
  AssignmentGeneration,
  parseStored,
  Status,
  type TaskId,
} from "./records.js";

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

/**
 * Which worker runs which task, and the fencing around it: the leader writes every worker's assignment as
 * one generation, a worker claims a task before it starts it, and asks before every offset commit whether
 * it may still commit for it.
 */
export class AssignmentStore {
  constructor(
    private readonly store: CoordinationStore,
    private readonly keys: ClusterKeys,
  ) {}

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
}

/** A task's identity as one string, for maps and sets keyed by task. */
export function taskKeyOf(task: TaskId): string {
  return `${task.connector}\u0000${task.task}`;
}
