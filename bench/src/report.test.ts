import { describe, expect, it } from "vitest";
import { summarizeBench } from "./bench-summary.js";
import { parseBenchOptions } from "./options.js";
import { renderReport } from "./report.js";
import { type BenchResults, throughputRun } from "./results.js";
import { evaluateTargets } from "./targets.js";

const options = parseBenchOptions(["--quick", "--rows", "C,D", "--measure", "100b"], "/repo");
const workload = options.workloads[0]?.name ?? "";
const results: BenchResults = {
  startedAt: "2026-11-25T16:00:00Z",
  finishedAt: "2026-11-25T16:30:00Z",
  options,
  machine: { cpu: "cpu", cores: 2, memoryGb: 1, kernel: "Linux", node: "v20", java: "17", loadAtStart: 0 },
  rows: { A: "tools", B: "kafkajs", C: "Kafka Connect", D: "connect-mesh" },
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

  it("says why a row that failed every run has no figures", () => {
    expect(report).toMatch(/\| D: connect-mesh +\| – +\| – +\| FAILED, 1\/1 runs failed: MESSAGE_TOO_LARGE/);
  });

  it("leaves the latency table out when latency was not measured", () => {
    expect(report).not.toContain("### Latency");
  });

  it("keeps a place for the tracing rows", () => {
    expect(report).toContain("### Tracing overhead");
  });
});
