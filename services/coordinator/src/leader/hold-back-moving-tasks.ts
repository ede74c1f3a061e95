import { type TaskHolder, taskKeyOf } from "@connect-mesh/cluster-state";
import type { TaskList } from "./assign-tasks.js";

/**
 * Leaves out of `wanted` every task whose status still names another worker: that worker may still be
 * running it, and two runs of one task at once would duplicate work and fight over offsets. The other
 * worker has lost the task in `wanted`, stops it, and clears its status; that change wakes the leader,
 * which then hands the task over (Connect's incremental cooperative rebalancing: revoke, then assign).
 */
export function holdBackMovingTasks(
  wanted: ReadonlyMap<string, TaskList>,
  holders: ReadonlyMap<string, TaskHolder>,
): { next: Map<string, TaskList>; pendingTasks: number } {
  let pendingTasks = 0;
  const next = new Map<string, TaskList>();
  for (const [worker, { tasks }] of wanted) {
    const free = tasks.filter((task) => {
      const holder = holders.get(taskKeyOf(task))?.workerId;
      return holder === undefined || holder === worker;
    });
    pendingTasks += tasks.length - free.length;
    next.set(worker, { tasks: free });
  }
  return { next, pendingTasks };
}
