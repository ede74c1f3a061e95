import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { LoggerLevelChange } from "./follow-cluster-logger-levels.js";
import { followClusterLoggerLevels } from "./follow-cluster-logger-levels.js";
import { NamedLoggers } from "./named-loggers.js";

/** A store's stream of changes, scripted: each call yields one batch, then fails or stops the follower. */
function scriptedChanges(batches: LoggerLevelChange[][], stop: AbortController) {
  const calls: (number | undefined)[] = [];
  return {
    calls,
    levels: {
      async *loggerLevelChanges(options: { afterRevision?: number }) {
        calls.push(options.afterRevision);
        const batch = batches[calls.length - 1] ?? [];
        yield* batch;
        if (calls.length < batches.length) throw new Error("the store went away");
        stop.abort();
      },
    },
  };
}

describe("followClusterLoggerLevels", () => {
  it("applies each change in order and resumes after the last one applied when the store is lost", async () => {
    const stop = new AbortController();
    const loggers = new NamedLoggers(pino({ level: "info" }, { write: () => {} }));
    const { levels, calls } = scriptedChanges(
      [
        [
          { namespace: "worker", level: "DEBUG", revision: 7 },
          { namespace: "worker.sink-task", level: "trace", revision: 9 },
        ],
        [{ namespace: "worker", level: "WARN", revision: 12 }],
      ],
      stop,
    );
    const errors: unknown[] = [];
    await followClusterLoggerLevels({
      levels,
      loggers,
      signal: stop.signal,
      onError: (error) => errors.push(error),
      retryDelayMs: 1,
    });
    expect(calls).toEqual([undefined, 9]);
    expect(errors).toEqual([new Error("the store went away")]);
    expect(loggers.level("worker")?.level).toBe("WARN");
    expect(loggers.level("worker.sink-task")?.level).toBe("WARN");
  });

  it("skips a level it does not know and says so", async () => {
    const stop = new AbortController();
    const loggers = new NamedLoggers(pino({ level: "info" }, { write: () => {} }));
    const { levels } = scriptedChanges([[{ namespace: "worker", level: "LOUD", revision: 3 }]], stop);
    const errors: unknown[] = [];
    await followClusterLoggerLevels({ levels, loggers, signal: stop.signal, onError: (e) => errors.push(e) });
    expect(String(errors[0])).toMatch(/"LOUD" for logger worker/);
    expect(loggers.level("worker")).toBeUndefined();
  });
});
