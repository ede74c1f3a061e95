import { describe, expect, it } from "vitest";
import { BenchUsageError, isUsageError, parseBenchOptions } from "./options.js";

describe("parseBenchOptions", () => {
  it("runs everything three times on issue 9's workloads by default, and updates the docs", () => {
    const options = parseBenchOptions([], "/repo");
    expect(options.runs).toBe(3);
    expect(options.workloads.map((w) => [w.lines, w.lineBytes])).toEqual([
      [1_000_000, 100],
      [200_000, 1024],
    ]);
    expect(options.latency.ratePerSec).toBe(10_000);
    expect(options.rows).toEqual(["A", "B", "B2", "C", "D"]);
    expect(options.jdbc).toEqual({ rows: 100_000, batchMaxRows: 1_000 });
    expect(options.search).toEqual({ documents: 100_000 });
    expect(options.shouldMeasureTracing).toBe(true);
    expect(options.shouldUpdateDocs).toBe(true);
    expect(options.outDir).toBe("/repo/bench/results");
  });

  it("makes --quick a small run that leaves the docs alone", () => {
    const options = parseBenchOptions(["--quick"], "/repo");
    expect(options.runs).toBe(1);
    expect(options.workloads[0]?.lines).toBeLessThan(100_000);
    expect(options.jdbc?.rows).toBe(10_000);
    expect(options.search?.documents).toBe(10_000);
    expect(options.shouldUpdateDocs).toBe(false);
  });

  it("lets flags override the sizes, with separators", () => {
    const options = parseBenchOptions(["--quick", "--runs", "5", "--small-lines", "50_000", "--docs"], "/r");
    expect(options.runs).toBe(5);
    expect(options.workloads[0]?.lines).toBe(50_000);
    expect(options.shouldUpdateDocs).toBe(true);
  });

  it("selects rows and measurements", () => {
    const options = parseBenchOptions(["--rows", "d,b", "--measure", "1kb"], "/r");
    expect(options.rows).toEqual(["B", "D"]);
    expect(options.workloads.map((w) => w.lineBytes)).toEqual([1024]);
    expect(options.shouldMeasureLatency).toBe(false);
    expect(options.shouldMeasureTracing).toBe(false);
  });

  it("runs row B2, B on @platformatic/kafka, beside B when --rows names both", () => {
    const options = parseBenchOptions(["--rows", "b2,b", "--measure", "100b,1kb"], "/r");
    expect(options.rows).toEqual(["B", "B2"]);
    expect(options.shouldMeasureTracing).toBe(false);
  });

  it("measures tracing on the 100-byte workload, also when that is not measured on its own", () => {
    const options = parseBenchOptions(["--measure", "tracing", "--small-lines", "30000"], "/r");
    expect(options.shouldMeasureTracing).toBe(true);
    expect(options.workloads).toEqual([]);
    expect(options.tracingWorkload).toMatchObject({ lines: 30_000, lineBytes: 100 });
  });

  it("runs row E alone, with none of the file pipeline's rows or tracing", () => {
    const options = parseBenchOptions(
      ["--rows", "e", "--jdbc-rows", "25,000", "--jdbc-batch-max-rows", "500"],
      "/r",
    );
    expect(options.rows).toEqual([]);
    expect(options.jdbc).toEqual({ rows: 25_000, batchMaxRows: 500 });
    expect(options.shouldMeasureTracing).toBe(false);
  });

  it.each([[["--rows", "A,B,C,D"]], [["--measure", "100b,latency,tracing"]]])(
    "leaves row E out when %j leaves it out",
    (args) => {
      expect(parseBenchOptions(args, "/r").jdbc).toBeUndefined();
    },
  );

  it("runs row F alone, with no other row, and so no database", () => {
    const options = parseBenchOptions(["--rows", "f", "--search-docs", "25,000", "--no-docs"], "/r");
    expect(options.rows).toEqual([]);
    expect(options.jdbc).toBeUndefined();
    expect(options.search).toEqual({ documents: 25_000 });
    expect(options.shouldMeasureTracing).toBe(false);
    expect(options.shouldUpdateDocs).toBe(false);
  });

  it.each([[["--rows", "A,B,C,D,E"]], [["--measure", "100b,latency,tracing,jdbc"]]])(
    "leaves row F out when %j leaves it out",
    (args) => {
      expect(parseBenchOptions(args, "/r").search).toBeUndefined();
    },
  );

  it("leaves tracing out when row D is left out, since only D traces", () => {
    expect(parseBenchOptions(["--rows", "C", "--measure", "tracing"], "/r").shouldMeasureTracing).toBe(false);
  });

  it.each([
    [["--runs", "0"]],
    [["--runs", "two"]],
    [["--rows", "A,G"]],
    [["--jdbc-rows", "0"]],
    [["--search-docs", "0"]],
    [["--measure", "latency,10kb"]],
    [["--docs", "--no-docs"]],
  ])("refuses %j", (args) => {
    expect(() => parseBenchOptions(args, "/r")).toThrow(BenchUsageError);
  });
});

describe("isUsageError", () => {
  it("knows an unknown flag for a usage error", () => {
    let caught: unknown;
    try {
      parseBenchOptions(["--fast"], "/r");
    } catch (error) {
      caught = error;
    }
    expect(isUsageError(caught)).toBe(true);
    expect(isUsageError(new Error("broker down"))).toBe(false);
  });
});
