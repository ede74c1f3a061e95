import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff.js";

describe("Backoff", () => {
  it("doubles up to the cap, with the random half between nothing and everything", () => {
    const low = new Backoff(100, 1_000, () => 0);
    expect([1, 2, 3, 4, 5, 6].map(() => low.nextDelayMs())).toEqual([50, 100, 200, 400, 500, 500]);
    const high = new Backoff(100, 1_000, () => 1);
    expect([1, 2, 3, 4, 5].map(() => high.nextDelayMs())).toEqual([100, 200, 400, 800, 1_000]);
  });

  it("starts small again after a reset", () => {
    const backoff = new Backoff(100, 1_000, () => 1);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    expect(backoff.nextDelayMs()).toBe(100);
  });
});
