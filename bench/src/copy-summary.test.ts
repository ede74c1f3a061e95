import { describe, expect, it } from "vitest";
import { cpuMicrosPerRecord, summarizeCopies } from "./copy-summary.js";
import type { CopyRun } from "./results.js";

const run = (seconds: number, isOk = true): CopyRun => ({
  records: 100_000,
  seconds,
  recordsPerSec: 100_000 / seconds,
  processes: [
    { label: "worker", peakRssMb: 200, cpuSeconds: seconds / 2 },
    { label: "PostgreSQL", peakRssMb: 80, cpuSeconds: 1 },
  ],
  verification: { isOk, method: "count + SHA-256", detail: isOk ? "same" : "PostgreSQL holds 3 rows for 4" },
  notes: { fillSeconds: 2 },
});

describe("summarizeCopies", () => {
  it("takes the median, min and max of records/s, time and each process", () => {
    const summary = summarizeCopies([run(10), run(20), run(40)]);
    expect(summary?.recordsPerSec).toEqual({ median: 5_000, min: 2_500, max: 10_000 });
    expect(summary?.seconds.median).toBe(20);
    expect(summary?.processes.map((p) => p.label)).toEqual(["worker", "PostgreSQL"]);
    expect(summary?.verified).toBe("3/3 count + SHA-256");
    expect(summary?.notes.fillSeconds).toEqual({ median: 2, min: 2, max: 2 });
  });

  it("says a run failed its check", () => {
    const summary = summarizeCopies([run(10), run(10, false)]);
    expect(summary?.isVerified).toBe(false);
    expect(summary?.verified).toContain("PostgreSQL holds 3 rows for 4");
  });

  it("is undefined without runs", () => {
    expect(summarizeCopies([])).toBeUndefined();
  });
});

describe("cpuMicrosPerRecord", () => {
  it("divides a process's median CPU by the records copied", () => {
    const worker = summarizeCopies([run(10)])?.processes[0];
    expect(worker && cpuMicrosPerRecord(worker, 100_000)).toBe(50);
  });
});
