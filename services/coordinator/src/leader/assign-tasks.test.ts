import type { TaskId } from "@connect-mesh/cluster-state";
import { describe, expect, it } from "vitest";
import { assignTasks, type TaskList } from "./assign-tasks.js";

const tasksOf = (connector: string, count: number): TaskId[] =>
  Array.from({ length: count }, (_, task) => ({ connector, task }));

const counts = (plan: Map<string, TaskList>) => [...plan.values()].map((a) => a.tasks.length);

const ownerOf = (plan: Map<string, TaskList>, wanted: TaskId) =>
  [...plan].find(([, a]) =>
    a.tasks.some((t) => t.connector === wanted.connector && t.task === wanted.task),
  )?.[0];

describe("assignTasks", () => {
  it.each([
    [7, 3],
    [1, 4],
    [12, 4],
    [0, 2],
    [5, 1],
  ])("spreads %i tasks over %i workers with at most one task of difference", (taskCount, workerCount) => {
    const workers = Array.from({ length: workerCount }, (_, i) => `w${i}`);
    const plan = assignTasks(tasksOf("c", taskCount), workers, new Map());
    const sizes = counts(plan);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(taskCount);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("assigns nothing when there is no worker", () => {
    expect(assignTasks(tasksOf("c", 3), [], new Map())).toEqual(new Map());
  });

  it("keeps every task where it was when nothing changed", () => {
    const first = assignTasks(tasksOf("c", 6), ["a", "b", "c"], new Map());
    expect(assignTasks(tasksOf("c", 6), ["a", "b", "c"], first)).toEqual(first);
  });

  it("moves only the tasks of a worker that is gone", () => {
    const before = assignTasks(tasksOf("c", 6), ["a", "b", "c"], new Map());
    const after = assignTasks(tasksOf("c", 6), ["a", "b"], before);
    for (const task of before.get("a")?.tasks ?? []) expect(ownerOf(after, task)).toBe("a");
    for (const task of before.get("b")?.tasks ?? []) expect(ownerOf(after, task)).toBe("b");
    expect(counts(after)).toEqual([3, 3]);
  });

  it("gives a new worker its fair share by moving as few tasks as possible", () => {
    const before = assignTasks(tasksOf("c", 6), ["a", "b"], new Map());
    const after = assignTasks(tasksOf("c", 6), ["a", "b", "c"], before);
    expect(counts(after)).toEqual([2, 2, 2]);
    const moved = tasksOf("c", 6).filter((t) => ownerOf(before, t) !== ownerOf(after, t));
    expect(moved).toHaveLength(2);
  });

  it("drops tasks that no longer exist", () => {
    const before = assignTasks([...tasksOf("x", 2), ...tasksOf("y", 2)], ["a"], new Map());
    const after = assignTasks(tasksOf("y", 2), ["a"], before);
    expect(after.get("a")?.tasks).toEqual(tasksOf("y", 2));
  });
});

describe("assignTasks with held workers", () => {
  it("leaves a held worker's tasks with it and gives it nothing new", () => {
    const before = assignTasks(tasksOf("c", 4), ["a", "b"], new Map());
    const after = assignTasks([...tasksOf("c", 4), { connector: "d", task: 0 }], ["a"], before, ["b"]);
    expect(after.get("b")).toEqual(before.get("b"));
    expect(ownerOf(after, { connector: "d", task: 0 })).toBe("a");
  });

  it("drops a held worker's tasks that no longer exist", () => {
    const before = assignTasks(tasksOf("c", 2), ["a", "b"], new Map());
    const after = assignTasks([], ["a"], before, ["b"]);
    expect(after.get("b")).toEqual({ tasks: [] });
  });
});
