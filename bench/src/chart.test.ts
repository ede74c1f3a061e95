import { describe, expect, it } from "vitest";
import type { BenchSummary } from "./bench-summary.js";
import { renderChart } from "./chart.js";
import type { ThroughputSummary } from "./summary.js";

const spread = (median: number) => ({ median, min: median * 0.9, max: median * 1.1 });
const row = (recordsPerSec: number): ThroughputSummary => ({
  runs: 3,
  recordsPerSec: spread(recordsPerSec),
  mbPerSec: spread(1),
  processes: [],
  cpuSecondsPerMillion: spread(10),
  verified: "3/3 byte-for-byte",
  isVerified: true,
});

describe("renderChart", () => {
  const summary: BenchSummary = {
    workloads: [
      {
        name: "100 B <lines>",
        lines: 10,
        lineBytes: 100,
        rows: { A: row(400_000), D: row(40_000) },
        ratios: {},
        failures: { C: "1/1 runs failed: too large" },
      },
    ],
    latency: {
      D: {
        runs: 3,
        p50Ms: spread(500),
        p99Ms: spread(990),
        maxMs: spread(1000),
        measures: "",
        processes: [],
        verified: "",
        isVerified: true,
      },
    },
    latencyFailures: {},
    tracing: [],
  };
  const svg = renderChart(summary, 10_000, "a test");

  it("draws one bar per measured row, labelled with its median", () => {
    expect(svg).toContain("400,000");
    expect(svg).toContain("40,000");
    expect(svg).not.toContain("B raw kafkajs");
  });

  it("marks a row that failed every run instead of leaving it out", () => {
    expect(svg).toContain("C Kafka Connect");
    expect(svg).toContain("failed: see the table for why");
  });

  it("labels the latency bars", () => {
    expect(svg).toContain("p50 500.0 · p99 990.0");
  });

  it("escapes text for XML", () => {
    expect(svg).toContain("100 B &lt;lines&gt;");
  });

  it("leaves rows E and F out unless they ran", () => {
    expect(svg).not.toContain("E JDBC connectors");
    expect(svg).not.toContain("F search sink");
  });

  it("draws row E's bar, and no empty workload, for a run of row E alone", () => {
    const jdbcOnly = renderChart(
      {
        ...summary,
        workloads: [{ name: "100 B lines", lines: 10, lineBytes: 100, rows: {}, ratios: {}, failures: {} }],
        latency: {},
        jdbc: {
          runs: 3,
          records: 1000,
          recordsPerSec: spread(12_345),
          seconds: spread(0.08),
          processes: [],
          notes: {},
          verified: "3/3 count + SHA-256",
          isVerified: true,
        },
      },
      10_000,
      "a test",
    );
    expect(jdbcOnly).toContain("E JDBC connectors");
    expect(jdbcOnly).toContain("12,345");
    expect(jdbcOnly).not.toContain("100 B lines");
  });

  it("draws row F's bar on a scale of its own, and marks it when every run failed", () => {
    const searchOnly = renderChart(
      {
        ...summary,
        workloads: [],
        latency: {},
        search: {
          runs: 3,
          records: 1000,
          recordsPerSec: spread(6_789),
          seconds: spread(0.15),
          processes: [],
          notes: {},
          verified: "3/3 count + id sum",
          isVerified: true,
        },
      },
      10_000,
      "a test",
    );
    expect(searchOnly).toContain("Kafka → Elasticsearch: documents/s");
    expect(searchOnly).toContain("6,789");
    const failed = renderChart(
      { ...summary, workloads: [], latency: {}, searchFailures: "1/1 runs failed: boom" },
      10_000,
      "a test",
    );
    expect(failed).toContain("F search sink");
    expect(failed).toContain("failed: see the table for why");
  });
});
