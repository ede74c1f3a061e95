import { describe, expect, it } from "vitest";
import { throughputRun } from "./results.js";
import { summarizeTracing } from "./tracing-summary.js";

const runOf = (seconds: number) =>
  throughputRun({
    records: 1000,
    lineBytes: 100,
    seconds,
    processes: [],
    verification: { isOk: true, method: "byte-for-byte", detail: "" },
  });

describe("summarizeTracing", () => {
  it("gives every mode's median records/s as a ratio of tracing off's", () => {
    const modes = summarizeTracing(
      { off: [runOf(1), runOf(2), runOf(4)], "0%": [runOf(2.5)], "1%": [runOf(2)], "100%": [runOf(5)] },
      {},
    );
    expect(modes.map((m) => [m.mode, m.samplingRatio, m.ratioToOff])).toEqual([
      ["off", undefined, 1],
      ["0%", 0, 0.8],
      ["1%", 0.01, 1],
      ["100%", 1, 0.4],
    ]);
  });

  it("has no ratios without tracing off, and keeps why a mode failed", () => {
    const modes = summarizeTracing({ "1%": [runOf(1)] }, { off: "1/1 runs failed: worker gone" });
    expect(modes.find((m) => m.mode === "off")).toMatchObject({ failures: "1/1 runs failed: worker gone" });
    expect(modes.every((m) => m.ratioToOff === undefined)).toBe(true);
  });
});
