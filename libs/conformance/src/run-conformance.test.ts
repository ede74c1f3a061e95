// Drives our own gRPC servers on 127.0.0.1 (ports picked by the system): a correct SDK-based connector,
// which must pass, and deliberately broken doubles written on bare @grpc/grpc-js, each of which must
// fail exactly the check for the rule it breaks. Nothing outside the process is involved.
import type { ConnectorServer } from "@connect-mesh/connector-sdk";
import { fromValue } from "@connect-mesh/connector-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  bothFormsSource,
  creditIgnoringSource,
  offsetIgnoringSource,
} from "../test/doubles/broken-sources.js";
import {
  type DoubleServer,
  doublePlugin,
  SINK,
  SOURCE,
  startDoubleServer,
} from "../test/doubles/double-server.js";
import { flushIgnoringSink } from "../test/doubles/flush-ignoring-sink.js";
import { outOfOrderSink } from "../test/doubles/out-of-order-sink.js";
import {
  COUNTING_SOURCE,
  MEMORY_SINK,
  type MemoryStore,
  startSdkConnector,
} from "../test/doubles/sdk-connector.js";
import { formatReport } from "./format-report.js";
import type { ConformanceReport } from "./report.js";
import { runConformance } from "./run-conformance.js";

// Short waits keep the suite quick; the doubles answer at once, so nothing here is near these limits
// except the checks that must wait for something that never comes.
const QUIET_MS = 150;
const TIMEOUT_MS = 3_000;

const failedIds = (report: ConformanceReport) =>
  report.checks.filter((check) => check.outcome === "fail").map((check) => check.id);
const detailOf = (report: ConformanceReport, id: string) =>
  report.checks.find((check) => check.id === id)?.detail;

describe("runConformance against a correct SDK connector", () => {
  let server: ConnectorServer;
  let store: MemoryStore;

  beforeEach(async () => {
    store = { accepted: [], durable: [] };
    server = await startSdkConnector(store);
  });
  afterEach(async () => {
    await server.stop({ graceful: false });
  });

  it("passes every check when given working, rejecting and durability configs", async () => {
    const report = await runConformance({
      address: server.address,
      signal: AbortSignal.timeout(60_000),
      sourceConfigs: { CountingSource: { topic: "t", "batch.size": "1" } },
      sinkConfigs: { [MEMORY_SINK]: {} },
      rejectingSinkConfigs: { MemorySink: { "reject.writes": "true" } },
      verifyDurable: {
        [MEMORY_SINK]: async ({ records }) => {
          const missing = records
            .map((record) => String(fromValue(record.value)))
            .filter((value) => !store.durable.includes(value));
          if (missing.length > 0) throw new Error(`not durable: ${missing.join(", ")}`);
        },
      },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.filter((check) => check.outcome === "skip")).toEqual([]);
    expect(report.checks.map((check) => [check.id, check.plugin])).toEqual([
      ["health.serving", undefined],
      ["describe.plugins-listed", undefined],
      ...[
        "describe.plugin-fields",
        "describe.config-definitions",
        "validate.one-result-per-key",
        "validate.required-keys-flagged",
        "validate.wrong-type-flagged",
        "validate.working-config-accepted",
        "plan.honours-max-tasks",
        "source.respects-credit",
        "source.sequences-from-one",
        "source.resumes-from-offsets",
        "source.stops-on-cancel",
        "source.stops-on-half-close",
      ].map((id) => [id, COUNTING_SOURCE]),
      ...[
        "describe.plugin-fields",
        "describe.config-definitions",
        "validate.one-result-per-key",
        "validate.required-keys-flagged",
        "validate.wrong-type-flagged",
        "validate.working-config-accepted",
        "plan.honours-max-tasks",
        "sink.acks-in-order",
        "sink.flush-answered",
        "sink.flush-durable",
        "sink.reports-typed-errors",
        "sink.reads-packed-batches",
      ].map((id) => [id, MEMORY_SINK]),
      ["validate.unknown-plugin", undefined],
      ["source.first-message-must-be-open", undefined],
      ["sink.first-message-must-be-open", undefined],
    ]);
  });

  it("passes the source checks when the batches come packed", async () => {
    const report = await runConformance({
      address: server.address,
      signal: AbortSignal.timeout(60_000),
      sourceConfigs: { CountingSource: { topic: "t", "batch.size": "8" } },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    const sourceChecks = report.checks.filter((check) => check.plugin === COUNTING_SOURCE);
    expect(sourceChecks.map((check) => check.id)).toContain("source.resumes-from-offsets");
    expect(
      sourceChecks.filter((check) => check.outcome !== "pass"),
      formatReport(report),
    ).toEqual([]);
  });

  it("skips what needs a working config when none is given, and says which option to pass", async () => {
    const report = await runConformance({
      address: server.address,
      signal: AbortSignal.timeout(60_000),
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(report.passed, formatReport(report)).toBe(true);
    const skipped = report.checks.filter((check) => check.outcome === "skip");
    expect(skipped.map((check) => check.id)).toContain("source.respects-credit");
    expect(detailOf(report, "source.respects-credit")).toMatch(
      `needs a working config for ${COUNTING_SOURCE}, and none was given; pass sourceConfigs["${COUNTING_SOURCE}"]`,
    );
    expect(detailOf(report, "sink.acks-in-order")).toMatch(`pass sinkConfigs["${MEMORY_SINK}"]`);
    expect(detailOf(report, "sink.reports-typed-errors")).toMatch(
      `pass rejectingSinkConfigs["${MEMORY_SINK}"]`,
    );
  });

  it("fails a verifyDurable probe's complaint as not durable", async () => {
    const report = await runConformance({
      address: server.address,
      signal: AbortSignal.timeout(60_000),
      plugins: ["MemorySink"],
      sinkConfigs: { MemorySink: {} },
      verifyDurable: {
        MemorySink: async () => {
          throw new Error("the outside system holds 0 of 3 records");
        },
      },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report)).toEqual(["sink.flush-durable", "sink.reads-packed-batches"]);
    expect(detailOf(report, "sink.flush-durable")).toBe(
      "after flushed through_sequence 1, verifyDurable found the records not durable: the outside system holds 0 of 3 records",
    );
    expect(detailOf(report, "sink.reads-packed-batches")).toBe(
      "after flushed through_sequence 1 of a packed batch, verifyDurable found the records not durable: the outside system holds 0 of 3 records",
    );
    expect(report.checks.some((check) => check.plugin === COUNTING_SOURCE)).toBe(false);
  });

  it("fails describe.plugins-listed for a config given under a name the service does not know", async () => {
    const report = await runConformance({
      address: server.address,
      signal: AbortSignal.timeout(60_000),
      plugins: ["MemorySink"],
      sourceConfigs: { FileStreamSource: { topic: "t" } },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report)).toEqual(["describe.plugins-listed"]);
    expect(detailOf(report, "describe.plugins-listed")).toBe(
      'the plugin "FileStreamSource" was given a source config, but Describe does not list it under that name',
    );
  });
});

describe("runConformance against broken doubles", () => {
  let double: DoubleServer | undefined;
  afterEach(async () => {
    await double?.stop();
    double = undefined;
  });

  it("fails a source that ignores credit, and only for that", async () => {
    double = await startDoubleServer({
      plugin: doublePlugin("org.example.CreditIgnoringSource", SOURCE),
      source: creditIgnoringSource(),
    });
    const report = await runConformance({
      address: double.address,
      signal: AbortSignal.timeout(60_000),
      sourceConfigs: { "org.example.CreditIgnoringSource": { topic: "t" } },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report), formatReport(report)).toEqual(["source.respects-credit"]);
    expect(report.passed).toBe(false);
    expect(detailOf(report, "source.respects-credit")).toBe(
      `granted 1 credit and received batch 1, then batch 2 arrived within ${QUIET_MS} ms with no further credit; ` +
        "a source must never send more batches than the credits it received",
    );
  });

  it.each(["records", "packed"] as const)(
    "fails a source that ignores the offsets it is opened with, and only for that (batches as %s)",
    async (form) => {
      double = await startDoubleServer({
        plugin: doublePlugin("org.example.OffsetIgnoringSource", SOURCE),
        source: offsetIgnoringSource(form),
      });
      const report = await runConformance({
        address: double.address,
        signal: AbortSignal.timeout(60_000),
        sourceConfigs: { "org.example.OffsetIgnoringSource": { topic: "t" } },
        timeoutMs: TIMEOUT_MS,
        quietMs: QUIET_MS,
      });
      expect(failedIds(report), formatReport(report)).toEqual(["source.resumes-from-offsets"]);
      expect(detailOf(report, "source.resumes-from-offsets")).toBe(
        'resumed {"stream": "0"} from offset {"n": 0}, but the first record of that partition is the one at ' +
          'the resume point (value "record-0" at offset {"n": 0}): it was sent again; a task resumes after the given offset',
      );
    },
  );

  it("fails a source whose batches set both forms, and only for that", async () => {
    double = await startDoubleServer({
      plugin: doublePlugin("org.example.BothFormsSource", SOURCE),
      source: bothFormsSource(),
    });
    const report = await runConformance({
      address: double.address,
      signal: AbortSignal.timeout(60_000),
      sourceConfigs: { "org.example.BothFormsSource": { topic: "t" } },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report), formatReport(report)).toEqual(["source.sequences-from-one"]);
    expect(detailOf(report, "source.sequences-from-one")).toContain(
      "batch 1 sets both records and packed; a batch uses one form",
    );
  });

  it("fails a sink that acks out of order, and only for that", async () => {
    double = await startDoubleServer({
      plugin: doublePlugin("org.example.OutOfOrderSink", SINK),
      sink: outOfOrderSink(),
    });
    const report = await runConformance({
      address: double.address,
      signal: AbortSignal.timeout(60_000),
      sinkConfigs: { "org.example.OutOfOrderSink": { topic: "t" } },
      timeoutMs: TIMEOUT_MS,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report), formatReport(report)).toEqual(["sink.acks-in-order"]);
    expect(detailOf(report, "sink.acks-in-order")).toBe(
      "expected ack 1, 2, 3 in order; answer 1 was ack 2 (answers so far: ack 2)",
    );
  });

  it("fails a sink that never answers flush, within the check's deadline", async () => {
    double = await startDoubleServer({
      plugin: doublePlugin("org.example.FlushIgnoringSink", SINK),
      sink: flushIgnoringSink(),
    });
    const startedAt = Date.now();
    const report = await runConformance({
      address: double.address,
      signal: AbortSignal.timeout(60_000),
      sinkConfigs: { "org.example.FlushIgnoringSink": { topic: "t" } },
      timeoutMs: 1_500,
      quietMs: QUIET_MS,
    });
    expect(failedIds(report), formatReport(report)).toEqual(["sink.flush-answered"]);
    expect(detailOf(report, "sink.flush-answered")).toBe(
      "sent flush through_sequence 2 after the acks of batches 1 and 2, and waited for flushed through_sequence 2: " +
        "nothing within the check's 1500 ms deadline",
    );
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  }, 20_000);

  it("stops mid-check when the run is aborted, rejecting with the signal's reason", async () => {
    double = await startDoubleServer({
      plugin: doublePlugin("org.example.FlushIgnoringSink", SINK),
      sink: flushIgnoringSink(),
    });
    const run = new AbortController();
    const reason = new Error("the operator gave up");
    const running = runConformance({
      address: double.address,
      signal: run.signal,
      sinkConfigs: { "org.example.FlushIgnoringSink": { topic: "t" } },
      timeoutMs: 30_000,
      quietMs: QUIET_MS,
    });
    // The flush check waits for an answer that never comes; the abort must end it long before its deadline.
    setTimeout(() => run.abort(reason), 1_000).unref();
    const startedAt = Date.now();
    await expect(running).rejects.toBe(reason);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  }, 20_000);
});

describe("runConformance without a service", () => {
  it("fails health and Describe at an address nothing listens on, without hanging", async () => {
    const closed = await startDoubleServer({ plugin: doublePlugin("x.Y", SOURCE) });
    await closed.stop();
    const report = await runConformance({
      address: closed.address,
      signal: AbortSignal.timeout(30_000),
      timeoutMs: 1_000,
    });
    expect(report.checks.map((check) => [check.id, check.outcome])).toEqual([
      ["health.serving", "fail"],
      ["describe.plugins-listed", "fail"],
      ["plugins", "skip"],
    ]);
    expect(detailOf(report, "health.serving")).toMatch(
      /^expected Check\(""\) to answer SERVING; the call failed with (UNAVAILABLE|DEADLINE_EXCEEDED)/,
    );
    expect(detailOf(report, "describe.plugins-listed")).toMatch(
      /^Describe failed with (UNAVAILABLE|DEADLINE_EXCEEDED)/,
    );
  });

  it("refuses a quiet period as long as the deadline", async () => {
    await expect(
      runConformance({
        address: "127.0.0.1:1",
        signal: new AbortController().signal,
        timeoutMs: 500,
        quietMs: 500,
      }),
    ).rejects.toThrow(RangeError);
  });

  it("rejects with the signal's reason when the run is aborted", async () => {
    const reason = new Error("the operator gave up");
    await expect(runConformance({ address: "127.0.0.1:1", signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });
});
