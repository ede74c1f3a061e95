import { describe, expect, it } from "vitest";
import { DepartedWorkers } from "./departed-workers.js";

describe("DepartedWorkers", () => {
  it("holds a departed worker's tasks until the delay has passed, then lets them move", () => {
    let now = 1_000;
    const departed = new DepartedWorkers(300_000, () => now);
    expect(departed.heldFor(["a", "b"], ["a", "b"])).toEqual([]);
    expect(departed.heldFor(["a"], ["a", "b"])).toEqual(["b"]);
    now += 299_999;
    expect(departed.heldFor(["a"], ["a", "b"])).toEqual(["b"]);
    now += 1;
    expect(departed.heldFor(["a"], ["a", "b"])).toEqual([]);
  });

  it("forgets a worker that comes back, so a later departure waits the whole delay again", () => {
    let now = 0;
    const departed = new DepartedWorkers(10_000, () => now);
    departed.heldFor([], ["a"]);
    now = 9_000;
    departed.heldFor(["a"], ["a"]);
    now = 15_000;
    expect(departed.heldFor([], ["a"])).toEqual(["a"]);
  });

  it("holds nothing with a delay of 0", () => {
    expect(new DepartedWorkers(0).heldFor([], ["a"])).toEqual([]);
  });
});
