import { describe, expect, it } from "vitest";
import { parseConsumerPerformance, parseProducerPerformance } from "./kafka-tools-output.js";

const WITH_WARMUP = `Warmup first 20000 records. Steady state results will print after the complete test summary.
49990 records sent, 9998.0 records/sec (1.43 MB/sec), 3.1 ms avg latency, 40.0 ms max latency.
50000 records sent, 9958.175662 records/sec (1.42 MB/sec), 28.12 ms avg latency, 579.00 ms max latency, 6 ms 50th, 180 ms 95th, 258 ms 99th, 259 ms 99.9th.
30000 steady state records sent, 9878.169246 records/sec (1.41 MB/sec), 4.45 ms avg latency, 21.00 ms max latency, 4 ms 50th, 8 ms 95th, 12 ms 99th, 19 ms 99.9th.
`;

const CONSUMER = `Warning: --messages is deprecated. Use --num-records instead.
start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
2026-11-25 16:15:51:709, 2026-11-25 16:15:55:091, 28.6102, 8.4596, 200000, 59136.6056, 2346, 1036, 27.6161, 193050.1931
`;

describe("parseProducerPerformance", () => {
  it("takes the steady-state summary when there was a warm-up", () => {
    expect(parseProducerPerformance(WITH_WARMUP)).toEqual({
      records: 30000,
      recordsPerSec: 9878.169246,
      p50Ms: 4,
      p99Ms: 12,
      maxMs: 21,
    });
  });

  it("takes the whole test's summary without one", () => {
    const output = WITH_WARMUP.split("\n").slice(0, 3).join("\n");
    expect(parseProducerPerformance(output)).toMatchObject({ records: 50000, p99Ms: 258 });
  });

  it("is undefined when the tool printed no summary", () => {
    expect(parseProducerPerformance("Exception in thread main")).toBeUndefined();
  });
});

describe("parseConsumerPerformance", () => {
  it("reads the records consumed and the fetch rate by column name", () => {
    expect(parseConsumerPerformance(CONSUMER)).toEqual({ records: 200000, fetchRecordsPerSec: 193050.1931 });
  });

  it("is undefined without the CSV header", () => {
    expect(parseConsumerPerformance("WARN timed out")).toBeUndefined();
  });
});
