import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { waitFor } from "./wait-for.js";

describe("waitFor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("returns the first value the predicate accepts", async () => {
    let calls = 0;
    const waiting = waitFor(
      async () => ++calls,
      (n) => n === 3,
      { timeoutMs: 10_000, description: "three calls" },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(waiting).resolves.toBe(3);
  });

  it("fails at the deadline with what it waited for and the last value seen", async () => {
    const waiting = waitFor(
      async () => ({ lag: 7 }),
      (v) => v.lag === 0,
      { timeoutMs: 1_000, description: "lag 0" },
    );
    const failure = expect(waiting).rejects.toThrow(
      'timed out after 1000 ms waiting for lag 0; last seen: {"lag":7}',
    );
    await vi.advanceTimersByTimeAsync(1_200);
    await failure;
  });

  it("keeps polling through a probe that throws, and reports the error if it never recovers", async () => {
    const waiting = waitFor(
      async () => {
        throw new Error("connection refused");
      },
      () => true,
      { timeoutMs: 500, description: "a broker" },
    );
    const failure = expect(waiting).rejects.toThrow("last seen: connection refused");
    await vi.advanceTimersByTimeAsync(700);
    await failure;
  });

  it("stops when its signal aborts", async () => {
    const controller = new AbortController();
    const waiting = waitFor(
      async () => 0,
      () => false,
      {
        timeoutMs: 60_000,
        description: "never",
        signal: controller.signal,
      },
    );
    const failure = expect(waiting).rejects.toThrow(/abort/i);
    controller.abort();
    await vi.advanceTimersByTimeAsync(300);
    await failure;
  });
});
