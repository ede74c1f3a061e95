import { describe, expect, it } from "vitest";
import { throughputRun } from "./results.js";
import { ratioOf, summarizeThroughput } from "./summary.js";

const run = (seconds: number, workerRssMb: number, isOk = true) =>
  throughputRun({
    records: 1000,
    lineBytes: 100,
    seconds,
    processes: [
      { label: "broker", peakRssMb: 400, cpuSeconds: 1 },
      { label: "worker", peakRssMb: workerRssMb, cpuSeconds: seconds },
    ],
    verification: { isOk, method: "byte-for-byte", detail: isOk ? "equal" : "3 lines missing" },
  });

describe("summarizeThroughput", () => {
  it("takes the median, min and max of each figure and each process", () => {
    const summary = summarizeThroughput([run(1, 100), run(2, 120), run(4, 90)]);
    expect(summary?.recordsPerSec).toEqual({ median: 500, min: 250, max: 1000 });
    expect(summary?.processes.find((p) => p.label === "worker")?.peakRssMb).toEqual({
      median: 100,
      min: 90,
      max: 120,
    });
    expect(summary?.verified).toBe("3/3 byte-for-byte");
  });

  it("sums each run's own processes but the broker into CPU seconds per million records", () => {
    const twoWorkers = throughputRun({
      records: 2000,
      lineBytes: 100,
      seconds: 1,
      processes: [
        { label: "broker", peakRssMb: 400, cpuSeconds: 5 },
        { label: "worker-1", peakRssMb: 100, cpuSeconds: 1 },
        { label: "worker-2", peakRssMb: 100, cpuSeconds: 2 },
      ],
      verification: { isOk: true, method: "byte-for-byte", detail: "equal" },
    });
    // 1 s, 2 s and 4 s of the worker for 1,000 records; 3 s of two workers for 2,000.
    const summary = summarizeThroughput([run(1, 100), run(2, 120), run(4, 90), twoWorkers]);
    expect(summary?.cpuSecondsPerMillion).toEqual({ median: 1750, min: 1000, max: 4000 });
  });

  it("says a run failed its check, and how", () => {
    const summary = summarizeThroughput([run(1, 100), run(1, 100, false)]);
    expect(summary?.isVerified).toBe(false);
    expect(summary?.verified).toContain("3 lines missing");
  });

  it("is undefined without runs", () => {
    expect(summarizeThroughput([])).toBeUndefined();
  });
});

describe("ratioOf", () => {
  it("divides medians", () => {
    expect(ratioOf({ median: 3, min: 1, max: 4 }, { median: 2, min: 2, max: 2 })).toBe(1.5);
  });

  it("is undefined when a row is missing", () => {
    expect(ratioOf(undefined, { median: 2, min: 2, max: 2 })).toBeUndefined();
  });
});
