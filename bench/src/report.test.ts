import { describe, expect, it } from "vitest";
import { summarizeBench } from "./bench-summary.js";
import { parseBenchOptions } from "./options.js";
import { renderReport } from "./report.js";
import { type BenchResults, throughputRun } from "./results.js";
import { evaluateTargets } from "./targets.js";

const figures = {
  records: 1000,
  lineBytes: 100,
  processes: [
    { label: "worker-1", peakRssMb: 100, cpuSeconds: 1 },
    { label: "worker-2", peakRssMb: 100, cpuSeconds: 2 },
  ],
  verification: { isOk: true, method: "byte-for-byte", detail: "" },
};
const options = parseBenchOptions(["--quick", "--rows", "C,D", "--measure", "100b"], "/repo");
const workload = options.workloads[0]?.name ?? "";
const results: BenchResults = {
  startedAt: "2026-11-25T16:00:00Z",
  finishedAt: "2026-11-25T16:30:00Z",
  options,
  machine: { cpu: "cpu", cores: 2, memoryGb: 1, kernel: "Linux", node: "v20", java: "17", loadAtStart: 0 },
  rows: {
    A: "tools",
    B: "kafkajs",
    B2: "platformatic",
    C: "Kafka Connect",
    D: "connect-mesh",
    E: "JDBC",
    F: "search sink",
  },
  throughput: {
    [workload]: {
      C: [
        throughputRun({
          records: 1000,
          lineBytes: 100,
          seconds: 0.5,
          processes: [{ label: "connect", peakRssMb: 500, cpuSeconds: 1 }],
          verification: { isOk: true, method: "byte-for-byte", detail: "" },
        }),
      ],
    },
  },
  latency: {},
  failures: [{ row: "D", measurement: workload, run: 1, reason: "MESSAGE_TOO_LARGE" }],
};
const summary = summarizeBench(results);
const report = renderReport(results, summary, evaluateTargets(summary, options.latency)).join("\n");

describe("renderReport", () => {
  it("shows each measured row with its records/s and how it was checked", () => {
    expect(report).toMatch(/\| C: Kafka Connect +\| 2,000 +\| 0\.2 +\| 1\/1 byte-for-byte/);
  });

  it("shows each row's CPU per million records, its processes but the broker summed", () => {
    const cpuSection = report.slice(report.indexOf("### CPU per million records"));
    // C's one run: its Connect process spent 1 s on 1,000 records.
    expect(cpuSection).toMatch(/\| C: Kafka Connect +\| 1,000\.0 +\|/);
    expect(cpuSection).toMatch(/\| D: connect-mesh +\| – +\|/);
  });

  it("says why a row that failed every run has no figures", () => {
    expect(report).toMatch(/\| D: connect-mesh +\| – +\| – +\| FAILED, 1\/1 runs failed: MESSAGE_TOO_LARGE/);
  });

  it("leaves the latency table out when latency was not measured", () => {
    expect(report).not.toContain("### Latency");
  });

  it("says the tracing rows were not measured when the run left them out", () => {
    expect(report).toContain("### Tracing overhead\n\nNot measured in this run");
  });

  it("shows each tracing mode as a ratio of tracing off", () => {
    const traced: BenchResults = {
      ...results,
      options: { ...options, shouldMeasureTracing: true },
      tracing: {
        off: [throughputRun({ ...figures, seconds: 0.5 })],
        "1%": [throughputRun({ ...figures, seconds: 0.51 })],
        "100%": [throughputRun({ ...figures, seconds: 1 })],
      },
    };
    const tracedSummary = summarizeBench(traced);
    const text = renderReport(traced, tracedSummary, evaluateTargets(tracedSummary, options.latency)).join(
      "\n",
    );
    // Each worker's CPU, as two workers ran; the runs had no file service line.
    expect(text).toMatch(/\| off +\| 2,000 +\| 1\.000 +\| 1\.0 \+ 2\.0 +\| – +\| 1\/1 byte-for-byte/);
    expect(text).toMatch(/\| 100% +\| 1,000 +\| 0\.500 /);
    expect(text).toMatch(
      /\| tracing at 1% sampling costs ≤ 3% of throughput +\| 2\.0% \(1% over off: 0\.980\) +\| PASS/,
    );
  });

  it("says row E was not measured when the run left it out", () => {
    expect(report).toContain("### MariaDB → Kafka → PostgreSQL (JDBC)\n\nNot measured in this run");
  });

  it("shows row E's rows/s, how it was checked, and each process's CPU per row", () => {
    const jdbcOptions = parseBenchOptions(["--quick", "--rows", "E", "--jdbc-rows", "1000"], "/repo");
    const copied: BenchResults = {
      ...results,
      options: jdbcOptions,
      throughput: {},
      failures: [],
      jdbc: [
        {
          records: 1000,
          seconds: 0.5,
          recordsPerSec: 2000,
          processes: [{ label: "worker", peakRssMb: 100, cpuSeconds: 0.25 }],
          verification: { isOk: true, method: "count + SHA-256", detail: "" },
          notes: { firstRecordSeconds: 0.1, lastRecordSeconds: 0.3, firstRowsSeconds: 0.2 },
        },
      ],
    };
    const copiedSummary = summarizeBench(copied);
    const text = renderReport(
      copied,
      copiedSummary,
      evaluateTargets(copiedSummary, jdbcOptions.latency),
    ).join("\n");
    expect(text).toMatch(/\| E: JDBC +\| 2,000 +\| 0\.5 +\| 1\/1 count \+ SHA-256 +\|/);
    expect(text).toMatch(/\| worker +\| 0\.3 +\| 250\.0 +\|/);
    expect(text).toMatch(/\| 0\.1 +\| 0\.3 +\| 0\.2 +\| 0\.5 +\|/);
    expect(text).toMatch(/\| 1,000 table rows +\| E +\| worker +\| 100 +\| 0\.3 +\|/);
  });

  it("says why row E has no figures when its runs failed", () => {
    const jdbcOptions = parseBenchOptions(["--quick", "--rows", "E"], "/repo");
    const failed: BenchResults = {
      ...results,
      options: jdbcOptions,
      throughput: {},
      jdbc: [],
      failures: [{ row: "E", measurement: "jdbc", run: 1, reason: "bench-e-1-sink FAILED: boom" }],
    };
    const failedSummary = summarizeBench(failed);
    const text = renderReport(
      failed,
      failedSummary,
      evaluateTargets(failedSummary, jdbcOptions.latency),
    ).join("\n");
    expect(text).toMatch(/\| E: JDBC +\| – +\| – +\| FAILED, 1\/1 runs failed: bench-e-1-sink FAILED: boom/);
  });

  it("says row F was not measured when the run left it out", () => {
    expect(report).toContain("### Kafka → Elasticsearch (search sink)\n\nNot measured in this run");
  });

  it("shows row F's documents/s, how it was checked, and each process's CPU per document", () => {
    const searchOptions = parseBenchOptions(["--quick", "--rows", "F", "--search-docs", "1000"], "/repo");
    const indexed: BenchResults = {
      ...results,
      options: searchOptions,
      throughput: {},
      failures: [],
      search: [
        {
          records: 1000,
          seconds: 0.4,
          recordsPerSec: 2500,
          processes: [{ label: "Elasticsearch", peakRssMb: 700, cpuSeconds: 0.5 }],
          verification: { isOk: true, method: "count + id sum", detail: "" },
          notes: { produceSeconds: 0.2, firstDocumentsSeconds: 0.3 },
        },
      ],
    };
    const indexedSummary = summarizeBench(indexed);
    const text = renderReport(
      indexed,
      indexedSummary,
      evaluateTargets(indexedSummary, searchOptions.latency),
    ).join("\n");
    expect(text).toContain("Row F indexes 1,000 records");
    expect(text).toMatch(/\| F: search sink +\| 2,500 +\| 0\.4 +\| 1\/1 count \+ id sum +\|/);
    expect(text).toMatch(/\| first documents counted +\| every document counted +\|/);
    expect(text).toMatch(/\| 0\.3 +\| 0\.4 +\|/);
    expect(text).toMatch(/\| process +\| CPU \(s\) +\| CPU per document \(µs\) +\|/);
    expect(text).toMatch(/\| Elasticsearch +\| 0\.5 +\| 500\.0 +\|/);
    expect(text).toMatch(/\| 1,000 documents +\| F +\| Elasticsearch +\| 700 +\| 0\.5 +\|/);
    expect(text).toContain("### MariaDB → Kafka → PostgreSQL (JDBC)\n\nNot measured in this run");
  });

  it("says why row F has no figures when its runs failed", () => {
    const searchOptions = parseBenchOptions(["--quick", "--rows", "F"], "/repo");
    const failed: BenchResults = {
      ...results,
      options: searchOptions,
      throughput: {},
      search: [],
      failures: [
        { row: "F", measurement: "search", run: 1, reason: "bench-f-1-search-sink FAILED: mapping" },
      ],
    };
    const failedSummary = summarizeBench(failed);
    const text = renderReport(
      failed,
      failedSummary,
      evaluateTargets(failedSummary, searchOptions.latency),
    ).join("\n");
    expect(text).toMatch(
      /\| F: search sink +\| – +\| – +\| FAILED, 1\/1 runs failed: bench-f-1-search-sink FAILED: mapping/,
    );
  });
});
