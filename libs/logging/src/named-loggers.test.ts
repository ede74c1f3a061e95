import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { NamedLoggers } from "./named-loggers.js";

const lines: string[] = [];
const rootLogger = () => pino({ level: "info" }, { write: (line: string) => lines.push(line) });

describe("NamedLoggers", () => {
  it("starts with the root logger at the configured level, never modified", () => {
    const loggers = new NamedLoggers(rootLogger());
    expect(Object.fromEntries(loggers.levels())).toEqual({
      root: { level: "INFO", lastModifiedMs: undefined },
    });
    expect(loggers.level("ROOT")).toEqual({ level: "INFO", lastModifiedMs: undefined });
    expect(loggers.level("nobody")).toBeUndefined();
  });

  it("lets a new logger follow its nearest ancestor until it has a level of its own", () => {
    const loggers = new NamedLoggers(rootLogger());
    const parent = loggers.logger("worker");
    const child = loggers.logger("worker.sink-task");
    loggers.setLevel("worker", "DEBUG");
    const grandchild = loggers.logger("worker.sink-task.io");
    expect([parent.level, child.level, grandchild.level]).toEqual(["debug", "debug", "debug"]);
    expect(child.isLevelEnabled("debug")).toBe(true);
    expect(loggers.logger("root").level).toBe("info");
  });

  it("sets a namespace and everything under it, not names that merely start alike, and says what changed", () => {
    let now = 1_000;
    const loggers = new NamedLoggers(rootLogger(), () => now);
    loggers.logger("coordinator.rest");
    loggers.logger("coordinator.leader");
    loggers.logger("coordinatorish");
    expect(loggers.setLevel("coordinator", "WARN")).toEqual([
      "coordinator",
      "coordinator.leader",
      "coordinator.rest",
    ]);
    expect(loggers.level("coordinatorish")).toEqual({ level: "INFO", lastModifiedMs: undefined });
    now = 2_000;
    // Only loggers whose level really changes count, as in Connect; coordinator.rest is WARN already.
    expect(loggers.setLevel("coordinator.rest", "WARN")).toEqual([]);
    expect(loggers.setLevel("coordinator.rest", "TRACE")).toEqual(["coordinator.rest"]);
    expect(loggers.level("coordinator.rest")).toEqual({ level: "TRACE", lastModifiedMs: 2_000 });
    expect(loggers.level("coordinator")).toEqual({ level: "WARN", lastModifiedMs: 1_000 });
  });

  it("sets every logger through root, and leaves loggers that are OFF out of the list", () => {
    const loggers = new NamedLoggers(rootLogger(), () => 5);
    loggers.setLevel("a.b", "DEBUG");
    expect(loggers.setLevel("root", "ERROR")).toEqual(["a.b", "root"]);
    loggers.setLevel("a.b", "OFF");
    expect([...loggers.levels().keys()]).toEqual(["root"]);
    expect(loggers.level("a.b")).toEqual({ level: "OFF", lastModifiedMs: 5 });
  });
});
