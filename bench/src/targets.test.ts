import { describe, expect, it } from "vitest";
import type { BenchSummary } from "./bench-summary.js";
import type { LatencySummary, ThroughputSummary } from "./summary.js";
import { evaluateTargets } from "./targets.js";
import type { TracingModeSummary } from "./tracing-summary.js";

const spread = (median: number) => ({ median, min: median, max: median });
const rowAt = (recordsPerSec: number, workerRssMb = 100): ThroughputSummary => ({
  runs: 1,
  recordsPerSec: spread(recordsPerSec),
  mbPerSec: spread(recordsPerSec / 10_000),
  cpuSecondsPerMillion: spread(1_000_000 / recordsPerSec),
  processes: [
    { label: "worker-1", peakRssMb: spread(workerRssMb), cpuSeconds: spread(1) },
    { label: "worker-2", peakRssMb: spread(workerRssMb / 2), cpuSeconds: spread(1) },
  ],
  verified: "1/1 byte-for-byte",
  isVerified: true,
});
const latencyOf = (p99Ms: number): LatencySummary => ({
  runs: 1,
  p50Ms: spread(1),
  p99Ms: spread(p99Ms),
  maxMs: spread(p99Ms),
  measures: "file to file",
  processes: [],
  verified: "1/1 byte-for-byte",
  isVerified: true,
});
const plan = { ratePerSec: 10_000, warmupSeconds: 1, seconds: 1, lineBytes: 100 };

const verdictOf = (summary: BenchSummary, target: string) =>
  evaluateTargets(summary, plan).find((v) => v.target.startsWith(target))?.verdict;

describe("evaluateTargets", () => {
  it.each([
    [1.6, "PASS"],
    [1.5, "PASS"],
    [1.4, "FAIL"],
  ])("D/C of %f is %s", (ratio, verdict) => {
    const summary: BenchSummary = {
      workloads: [{ name: "w", lines: 1, lineBytes: 100, rows: {}, ratios: { "D/C": ratio }, failures: {} }],
      latency: {},
      latencyFailures: {},
      tracing: [],
    };
    expect(verdictOf(summary, "D/C")).toBe(verdict);
  });

  it.each([
    [30_000, 40_000, "PASS", "D 25.0 s, C 33.3 s: 0.75"],
    [40_000, 40_000, "PASS", "D 25.0 s, C 25.0 s: 1.00"],
    [50_000, 40_000, "FAIL", "D 25.0 s, C 20.0 s: 1.25"],
  ])(
    "D's CPU per million records against C's %i records per CPU-second: %s",
    (cRate, dRate, verdict, measured) => {
      // rowAt spends one CPU-second per `recordsPerSec` records: C's rate sets its CPU per record.
      const summary: BenchSummary = {
        workloads: [
          {
            name: "w",
            lines: 1,
            lineBytes: 100,
            rows: { C: rowAt(cRate), D: rowAt(dRate) },
            ratios: {},
            failures: {},
          },
        ],
        latency: {},
        latencyFailures: {},
        tracing: [],
      };
      const found = evaluateTargets(summary, plan).find((v) => v.target.startsWith("D's CPU per million"));
      expect(found).toMatchObject({ verdict, measured });
    },
  );

  it("fails a ratio when D failed every run, saying why", () => {
    const summary: BenchSummary = {
      workloads: [
        {
          name: "w",
          lines: 1,
          lineBytes: 1024,
          rows: {},
          ratios: {},
          failures: { D: "3/3 runs failed: too large" },
        },
      ],
      latency: {},
      latencyFailures: {},
      tracing: [],
    };
    const verdict = evaluateTargets(summary, plan).find((v) => v.target.startsWith("D/C"));
    expect(verdict).toMatchObject({ verdict: "FAIL", measured: "D 3/3 runs failed: too large" });
  });

  it("reports a target it could not measure as n/a", () => {
    const summary: BenchSummary = { workloads: [], latency: {}, latencyFailures: {}, tracing: [] };
    expect(verdictOf(summary, "D's p99")).toBe("n/a");
    expect(verdictOf(summary, "tracing")).toBe("n/a");
  });

  it.each([
    [24, "PASS"],
    [26, "FAIL"],
  ])("a p99 of %i ms is %s", (p99, verdict) => {
    expect(
      verdictOf(
        { workloads: [], latency: { D: latencyOf(p99) }, latencyFailures: {}, tracing: [] },
        "D's p99",
      ),
    ).toBe(verdict);
  });

  it("judges the worker by its highest peak across workloads", () => {
    const summary: BenchSummary = {
      workloads: [
        { name: "a", lines: 1, lineBytes: 100, rows: { D: rowAt(1, 120) }, ratios: {}, failures: {} },
        { name: "b", lines: 1, lineBytes: 1024, rows: { D: rowAt(1, 160) }, ratios: {}, failures: {} },
      ],
      latency: {},
      latencyFailures: {},
      tracing: [],
    };
    expect(verdictOf(summary, "worker peak RSS")).toBe("FAIL");
  });
  it.each([
    [0.975, "PASS"],
    [0.97, "PASS"],
    [0.96, "FAIL"],
  ])("tracing at 1%% running at %f of off is %s", (ratio, verdict) => {
    const tracing: TracingModeSummary[] = [
      { mode: "off", samplingRatio: undefined, throughput: rowAt(10_000), ratioToOff: 1 },
      { mode: "1%", samplingRatio: 0.01, throughput: rowAt(10_000 * ratio), ratioToOff: ratio },
    ];
    expect(verdictOf({ workloads: [], latency: {}, latencyFailures: {}, tracing }, "tracing at 1%")).toBe(
      verdict,
    );
  });

  it.each([
    [0.995, "PASS"],
    [0.99, "PASS"],
    [0.98, "FAIL"],
  ])("tracing on at 0%% running at %f of off is %s", (ratio, verdict) => {
    const tracing: TracingModeSummary[] = [
      { mode: "off", samplingRatio: undefined, throughput: rowAt(10_000), ratioToOff: 1 },
      { mode: "0%", samplingRatio: 0, throughput: rowAt(10_000 * ratio), ratioToOff: ratio },
    ];
    const summary = { workloads: [], latency: {}, latencyFailures: {}, tracing };
    expect(verdictOf(summary, "tracing at 0%")).toBe(verdict);
    // The 1% mode did not run: its target is unmeasured, not failed.
    expect(verdictOf(summary, "tracing at 1%")).toBe("n/a");
  });

  it("fails the tracing target when a mode failed every run, saying why", () => {
    const tracing: TracingModeSummary[] = [
      { mode: "off", samplingRatio: undefined, throughput: rowAt(10_000), ratioToOff: 1 },
      { mode: "1%", samplingRatio: 0.01, failures: "3/3 runs failed: no worker" },
    ];
    const verdict = evaluateTargets({ workloads: [], latency: {}, latencyFailures: {}, tracing }, plan).find(
      (v) => v.target.startsWith("tracing at 1%"),
    );
    expect(verdict).toMatchObject({ verdict: "FAIL", measured: "tracing 1%: 3/3 runs failed: no worker" });
  });
});
