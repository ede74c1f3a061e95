import { taskKeyOf } from "@connect-mesh/cluster-state";
import { describe, expect, it } from "vitest";
import { holdBackMovingTasks } from "./hold-back-moving-tasks.js";

const task = (n: number) => ({ connector: "c", task: n });

describe("holdBackMovingTasks", () => {
  it("gives a task to its new worker only once no other worker's status names it", () => {
    const wanted = new Map([
      ["a", { tasks: [task(0), task(1)] }],
      ["b", { tasks: [task(2)] }],
    ]);
    const holders = new Map([
      [taskKeyOf(task(0)), { workerId: "a", modRevision: 7 }], // still on its worker: stays
      [taskKeyOf(task(1)), { workerId: "b", modRevision: 8 }], // moving from b to a: waits
      // task 2 runs nowhere: free to go
    ]);
    const { next, pendingTasks } = holdBackMovingTasks(wanted, holders);
    expect(next).toEqual(
      new Map([
        ["a", { tasks: [task(0)] }],
        ["b", { tasks: [task(2)] }],
      ]),
    );
    expect(pendingTasks).toBe(1);
  });

  it("holds nothing back when every status names the worker the task is wanted on", () => {
    const wanted = new Map([["a", { tasks: [task(0)] }]]);
    const { next, pendingTasks } = holdBackMovingTasks(
      wanted,
      new Map([[taskKeyOf(task(0)), { workerId: "a", modRevision: 7 }]]),
    );
    expect(next).toEqual(wanted);
    expect(pendingTasks).toBe(0);
  });
});
