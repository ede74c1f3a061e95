import { describe, expect, it } from "vitest";
import { LOG_LEVELS, logLevelOf, parseLogLevel, pinoLevelOf } from "./log-level.js";

describe("Connect's log levels on pino", () => {
  it.each([
    ["OFF", "silent"],
    ["FATAL", "fatal"],
    ["ERROR", "error"],
    ["WARN", "warn"],
    ["INFO", "info"],
    ["DEBUG", "debug"],
    ["TRACE", "trace"],
  ] as const)("maps %s to pino's %s and back", (connect, pino) => {
    expect(pinoLevelOf(connect)).toBe(pino);
    expect(logLevelOf(pino)).toBe(connect);
  });

  it("reads a level name in any case, and nothing else", () => {
    expect(parseLogLevel("debug")).toBe("DEBUG");
    expect(parseLogLevel("Warn")).toBe("WARN");
    expect(parseLogLevel("WARNING")).toBeUndefined();
    expect(parseLogLevel("silent")).toBeUndefined();
    expect(LOG_LEVELS).toHaveLength(7);
  });
});
