import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CheckFailure } from "./check-failure.js";
import { type ConformanceCheck, pass } from "./conformance-check.js";
import { runCheck } from "./run-check.js";

const check = (run: ConformanceCheck["run"]): ConformanceCheck => ({
  id: "demo.check",
  title: "a demo",
  plugin: "Demo",
  run,
});

describe("runCheck", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports the check's own verdict", async () => {
    await expect(
      runCheck(
        check(async () => pass("fine")),
        new AbortController().signal,
        100,
      ),
    ).resolves.toEqual({
      id: "demo.check",
      title: "a demo",
      plugin: "Demo",
      outcome: "pass",
      detail: "fine",
    });
  });

  it("turns a CheckFailure into a fail with its detail", async () => {
    const result = await runCheck(
      check(async () => {
        throw new CheckFailure("expected ack 1; got ack 2");
      }),
      new AbortController().signal,
      100,
    );
    expect(result).toMatchObject({ outcome: "fail", detail: "expected ack 1; got ack 2" });
  });

  it("fails a check that ignores its deadline, shortly after the deadline", async () => {
    const result = runCheck(
      check(() => new Promise(() => undefined)),
      new AbortController().signal,
      100,
    );
    await vi.advanceTimersByTimeAsync(400);
    await expect(result).resolves.toMatchObject({
      outcome: "fail",
      detail: "the check did not finish within its 100 ms deadline",
    });
  });

  it("names an unexpected error", async () => {
    const result = await runCheck(
      check(async () => {
        throw new TypeError("x is undefined");
      }),
      new AbortController().signal,
      100,
    );
    expect(result).toMatchObject({
      outcome: "fail",
      detail: "the check stopped on an unexpected error: x is undefined",
    });
  });

  it("rejects with the run's reason when the run is aborted", async () => {
    const run = new AbortController();
    const result = runCheck(
      check(() => new Promise(() => undefined)),
      run.signal,
      10_000,
    );
    const reason = new Error("stop");
    run.abort(reason);
    const settled = expect(result).rejects.toBe(reason);
    await vi.advanceTimersByTimeAsync(400);
    await settled;
  });
});
