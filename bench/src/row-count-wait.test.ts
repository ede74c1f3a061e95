import { describe, expect, it } from "vitest";
import { type RowCountTimes, type RowCountWait, waitForRowCount } from "./row-count-wait.js";

/** A wait on a clock that moves 100 ms per count, with no real waiting. */
function waitOn(counts: readonly number[], overrides: Partial<RowCountWait> = {}): Promise<RowCountTimes> {
  let clockMs = 0;
  let next = 0;
  return waitForRowCount({
    count: async () => {
      const count = counts[Math.min(next, counts.length - 1)] ?? 0;
      next += 1;
      return count;
    },
    expected: 100,
    failureOf: async () => undefined,
    description: "table t",
    connectorService: "connector-jdbc",
    timeoutMs: 10_000,
    stallMs: 1_000,
    intervalMs: 100,
    signal: new AbortController().signal,
    now: () => clockMs,
    pause: async (ms) => {
      clockMs += ms;
    },
    ...overrides,
  });
}

describe("waitForRowCount", () => {
  it("returns when the counts that first saw some rows and every row were sent", async () => {
    expect(await waitOn([0, 0, 40, 90, 100])).toEqual({ firstRowsAt: 200, allRowsAt: 400 });
  });

  it("gives one time for both when the first count sees every row", async () => {
    expect(await waitOn([100])).toEqual({ firstRowsAt: 0, allRowsAt: 0 });
  });

  it("names the count it stalled at, and the log that says why", async () => {
    await expect(waitOn([0, 60])).rejects.toThrow(
      /stayed at 60 of 100 rows for 1 s; see the connectors' status and the connector-jdbc log/,
    );
  });

  it("counts in the unit it is given", async () => {
    await expect(
      waitOn([0, 60], { unit: "documents", connectorService: "connector-search" }),
    ).rejects.toThrow(/stayed at 60 of 100 documents for 1 s; .* the connector-search log/);
  });

  it("gives up at the deadline while rows still trickle in", async () => {
    const growing = Array.from({ length: 200 }, (_, i) => Math.floor(i / 5));
    await expect(waitOn(growing, { timeoutMs: 2_000 })).rejects.toThrow(
      /of 100 rows after 2 s, the deadline/,
    );
  });

  it("stops at once when a connector has failed, saying how far the copy got", async () => {
    const failed = waitOn([0, 10, 20, 30, 40, 50, 60, 70, 80, 90], {
      failureCheckMs: 300,
      failureOf: async () => "bench-e-1-sink FAILED: relation is read-only",
    });
    await expect(failed).rejects.toThrow(
      /bench-e-1-sink FAILED: relation is read-only \(table t held 30 of 100/,
    );
  });

  it("stops when the bench is interrupted", async () => {
    const interrupted = new AbortController();
    interrupted.abort(new Error("interrupted"));
    await expect(waitOn([0], { signal: interrupted.signal })).rejects.toThrow("interrupted");
  });
});
