import { describe, expect, it } from "vitest";
import { isLogLevel, type Leveled, LogLevels } from "./log-levels.js";

/** Loggers as plain objects with a level: what LogLevels reads and writes. */
function registry() {
  const root: Leveled = { level: "info" };
  let now = 1_000;
  const levels = new LogLevels(root, () => now);
  const add = (name: string): Leveled => {
    const logger = { level: root.level };
    levels.register(name, logger);
    return logger;
  };
  return { root, levels, add, tick: (ms: number) => (now += ms) };
}

describe("LogLevels", () => {
  it("lists root and every named logger, never modified at first", () => {
    const { levels, add } = registry();
    add("worker.sink-task");
    add("worker");
    expect(levels.list()).toEqual({
      root: { level: "info", last_modified: null },
      worker: { level: "info", last_modified: null },
      "worker.sink-task": { level: "info", last_modified: null },
    });
  });

  it("sets a name and every logger below it, and answers with the names changed", () => {
    const { levels, add, root } = registry();
    const worker = add("worker");
    const sinkTask = add("worker.sink-task");
    const other = add("workers");
    expect(levels.set("worker", "debug")).toEqual(["worker", "worker.sink-task"]);
    expect([worker.level, sinkTask.level, other.level, root.level]).toEqual([
      "debug",
      "debug",
      "info",
      "info",
    ]);
    expect(levels.get("worker.sink-task")).toEqual({ level: "debug", last_modified: 1_000 });
    expect(levels.get("workers")?.last_modified).toBeNull();
  });

  it("sets every logger through root", () => {
    const { levels, add, tick } = registry();
    add("a");
    add("a.b");
    tick(5);
    expect(levels.set("root", "warn")).toEqual(["a", "a.b", "root"]);
    expect(levels.get("a.b")).toEqual({ level: "warn", last_modified: 1_005 });
  });

  it("gives a logger created later the level set on a name above it, the closest one winning", () => {
    const { levels, add } = registry();
    levels.set("root", "error");
    levels.set("connector-sdk", "debug");
    expect(add("connector-sdk.sink-task").level).toBe("debug");
    expect(add("coordinator").level).toBe("error");
    levels.set("root", "info");
    expect(add("connector-sdk.source-task").level).toBe("info");
  });

  it("knows no logger it was never given", () => {
    expect(registry().levels.get("nope")).toBeUndefined();
  });
});

describe("isLogLevel", () => {
  it.each([
    ["debug", true],
    ["silent", true],
    ["DEBUG", false],
    ["verbose", false],
  ])("%s: %s", (text, expected) => {
    expect(isLogLevel(text)).toBe(expected);
  });
});
