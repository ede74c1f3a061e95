import { type TaskId, taskKeyOf } from "@connect-mesh/cluster-state";

/** The tasks of one worker, as far as placing them is concerned. */
export interface TaskList {
  readonly tasks: readonly TaskId[];
}

/**
 * Spreads tasks over workers, sticky and balanced: a task stays on its worker while that worker lives and
 * is not over its fair share; tasks of gone workers, new tasks and the excess of overloaded workers go to
 * the least loaded workers. The result differs by at most one task between any two workers, and moves as
 * few tasks as that allows (Connect's incremental cooperative idea, without stopping the world).
 *
 * Pure: the same inputs give the same output, so every leader computes the same plan.
 */
export function assignTasks(
  tasks: readonly TaskId[],
  workers: readonly string[],
  previous: ReadonlyMap<string, TaskList>,
  held: readonly string[] = [],
): Map<string, { tasks: TaskId[] }> {
  // Workers that left a moment ago keep exactly what they had and get nothing new (Connect's
  // scheduled.rebalance.max.delay.ms): a worker that restarts finds its tasks where it left them.
  const wantedKeys = new Set(tasks.map(taskKeyOf));
  const kept = new Map<string, TaskId[]>();
  for (const worker of held.filter((w) => !workers.includes(w))) {
    kept.set(
      worker,
      (previous.get(worker)?.tasks ?? []).filter((t) => wantedKeys.has(taskKeyOf(t))).sort(compareTasks),
    );
  }
  const keptKeys = new Set([...kept.values()].flat().map(taskKeyOf));
  const result = balance(
    tasks.filter((t) => !keptKeys.has(taskKeyOf(t))),
    workers,
    previous,
  );
  for (const [worker, assigned] of kept) result.set(worker, { tasks: assigned });
  return result;
}

function balance(
  tasks: readonly TaskId[],
  workers: readonly string[],
  previous: ReadonlyMap<string, TaskList>,
): Map<string, { tasks: TaskId[] }> {
  const sortedWorkers = [...new Set(workers)].sort();
  const result = new Map<string, TaskId[]>(sortedWorkers.map((w) => [w, []]));
  if (sortedWorkers.length === 0) return new Map();

  const wanted = new Map(tasks.map((t) => [taskKeyOf(t), t]));
  const base = Math.floor(tasks.length / sortedWorkers.length);
  let workersThatMayTakeOneMore = tasks.length % sortedWorkers.length;
  const placed = new Set<string>();

  // Keep what each living worker already runs, up to its fair share; busiest-first fairness is decided by
  // worker order so that the outcome is deterministic.
  for (const worker of sortedWorkers) {
    const kept = (previous.get(worker)?.tasks ?? []).filter(
      (t) => wanted.has(taskKeyOf(t)) && !placed.has(taskKeyOf(t)),
    );
    kept.sort(compareTasks);
    let share = base;
    if (kept.length > base && workersThatMayTakeOneMore > 0) {
      share = base + 1;
      workersThatMayTakeOneMore -= 1;
    }
    for (const task of kept.slice(0, share)) {
      result.get(worker)?.push(task);
      placed.add(taskKeyOf(task));
    }
  }

  // Everything else goes to whoever has the fewest, ties broken by worker id.
  const unplaced = [...wanted.values()].filter((t) => !placed.has(taskKeyOf(t))).sort(compareTasks);
  for (const task of unplaced) {
    const target = leastLoaded(result);
    result.get(target)?.push(task);
  }
  return new Map([...result].map(([worker, assigned]) => [worker, { tasks: assigned.sort(compareTasks) }]));
}

function leastLoaded(result: ReadonlyMap<string, readonly TaskId[]>): string {
  let best: string | undefined;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const [worker, assigned] of result) {
    if (assigned.length < bestCount) {
      best = worker;
      bestCount = assigned.length;
    }
  }
  if (best === undefined) throw new Error("no worker to assign to");
  return best;
}

function compareTasks(a: TaskId, b: TaskId): number {
  return a.connector < b.connector ? -1 : a.connector > b.connector ? 1 : a.task - b.task;
}
