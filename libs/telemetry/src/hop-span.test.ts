import { ROOT_CONTEXT, SpanStatusCode, TraceFlags, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLED_ON_ERROR_ATTRIBUTE, startBatchSpan, startRecordSpan } from "./hop-span.js";
import { startTelemetry, type Telemetry } from "./start-telemetry.js";
import { fromRecordTrace, toRecordTrace } from "./trace-carriers.js";
import { UNSAMPLED_RECORD } from "./unsampled-record.js";

const OUTSIDE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const OUTSIDE_PARENT_ID = "00f067aa0ba902b7";
const outsideTrace = (flags: "00" | "01") =>
  fromRecordTrace({
    traceparent: `00-${OUTSIDE_TRACE_ID}-${OUTSIDE_PARENT_ID}-${flags}`,
    tracestate: "",
    unsampled: false,
  });

const config = { serviceName: "test", instanceId: "test-1", otlpEndpoint: undefined };
let telemetry: Telemetry | undefined;

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

/** Starts telemetry exporting into memory; `finished()` flushes and returns what was exported. */
async function tracing() {
  const exporter = new InMemorySpanExporter();
  telemetry = await startTelemetry(config, { exporter });
  const running = telemetry;
  return {
    finished: async (): Promise<ReadableSpan[]> => {
      await running.forceFlush();
      return exporter.getFinishedSpans();
    },
  };
}

describe("startRecordSpan", () => {
  it("starts a record's trace sampled at ratio 1 and continues it in the next hop", async () => {
    const { finished } = await tracing();
    const read = startRecordSpan("source read record", { samplingRatio: 1 });
    const produce = startRecordSpan("produce", { parent: read.context, samplingRatio: 0 });
    expect(read.isRecording).toBe(true);
    expect(produce.isRecording).toBe(true);
    produce.end();
    read.end();
    const [first, second] = await finished();
    expect(first?.spanContext().traceId).toBe(read.traceId);
    expect(second?.spanContext().traceId).toBe(read.traceId);
    expect(first?.parentSpanContext?.spanId).toBe(second?.spanContext().spanId);
  });

  it("drops a record's trace at ratio 0 and carries on only that decision, without ids", async () => {
    const { finished } = await tracing();
    const read = startRecordSpan("source read record", { samplingRatio: 0 });
    read.end();
    expect(read.isRecording).toBe(false);
    expect(read.context).toBe(UNSAMPLED_RECORD);
    expect(read.traceId).toBeUndefined();
    expect(toRecordTrace(read.context)).toEqual({ traceparent: "", tracestate: "", unsampled: true });
    expect(await finished()).toEqual([]);
  });

  it("follows the record's upstream decision, not its own ratio, when it continues a trace", async () => {
    const { finished } = await tracing();
    const consume = startRecordSpan("consume", { parent: outsideTrace("01"), samplingRatio: 0 });
    consume.end();
    const [span] = await finished();
    expect(span?.spanContext().traceId).toBe(OUTSIDE_TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(OUTSIDE_PARENT_ID);
  });

  it("gives an unsampled record's later hops no span of their own, whatever their ratio", async () => {
    const { finished } = await tracing();
    const read = startRecordSpan("source read record", { samplingRatio: 0 });
    const produce = startRecordSpan("produce", { parent: read.context, samplingRatio: 1 });
    produce.end();
    read.end();
    expect(produce.isRecording).toBe(false);
    expect(produce.context).toBe(UNSAMPLED_RECORD);
    expect(await finished()).toEqual([]);
  });

  it("carries an unsampled trace from outside on as it came, with its id", async () => {
    const { finished } = await tracing();
    const upstream = outsideTrace("00");
    const produce = startRecordSpan("produce", { parent: upstream, samplingRatio: 1 });
    produce.end();
    expect(produce.isRecording).toBe(false);
    expect(produce.traceId).toBe(OUTSIDE_TRACE_ID);
    expect(toRecordTrace(produce.context)?.traceparent).toBe(
      `00-${OUTSIDE_TRACE_ID}-${OUTSIDE_PARENT_ID}-00`,
    );
    expect(await finished()).toEqual([]);
  });

  it("traces a failed record that was not sampled, in a trace of its own, with the error", async () => {
    const { finished } = await tracing();
    const read = startRecordSpan("source read record", { samplingRatio: 0 });
    const convert = startRecordSpan("convert", {
      parent: read.context,
      samplingRatio: 0,
      attributes: { "connect-mesh.hop": "convert" },
    });
    convert.fail(new SyntaxError("not JSON"));
    convert.end();
    read.end();
    const spans = await finished();
    expect(spans).toHaveLength(1);
    const [failed] = spans;
    expect(failed?.name).toBe("convert");
    // The record carried no ids, so its failure starts the trace its DLQ copy names.
    expect(failed?.parentSpanContext).toBeUndefined();
    expect(failed?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(convert.traceId).toBe(failed?.spanContext().traceId);
    expect(failed?.status).toEqual({ code: SpanStatusCode.ERROR, message: "not JSON" });
    expect(failed?.attributes).toMatchObject({
      "connect-mesh.hop": "convert",
      "error.type": "SyntaxError",
      [SAMPLED_ON_ERROR_ATTRIBUTE]: true,
    });
    expect(failed?.events.map((event) => event.name)).toEqual(["exception"]);
    // What follows the failure (the DLQ produce) continues a sampled context.
    expect(trace.getSpanContext(convert.context)?.traceFlags).toBe(TraceFlags.SAMPLED);
  });

  it("builds an unsampled hop's attributes only when it fails", async () => {
    const { finished } = await tracing();
    let built = 0;
    const attributes = () => {
      built += 1;
      return { "connect-mesh.hop": "transform" };
    };
    const read = startRecordSpan("source read record", { samplingRatio: 0, attributes });
    const passed = startRecordSpan("transform a", { parent: read.context, samplingRatio: 1, attributes });
    passed.end();
    read.end();
    expect(built).toBe(0);
    const failing = startRecordSpan("transform b", { parent: passed.context, samplingRatio: 1, attributes });
    failing.fail(new Error("no field"));
    failing.end();
    expect(built).toBe(1);
    const [failed] = await finished();
    expect(failed?.name).toBe("transform b");
    expect(failed?.spanContext().traceId).toBe(failing.traceId);
    expect(failed?.attributes).toMatchObject({
      "connect-mesh.hop": "transform",
      [SAMPLED_ON_ERROR_ATTRIBUTE]: true,
    });
  });

  it("traces a failed record whose unsampled trace came from outside in that trace", async () => {
    const { finished } = await tracing();
    const write = startRecordSpan("sink write record", { parent: outsideTrace("00"), samplingRatio: 1 });
    write.fail(new Error("refused"));
    write.end();
    const [failed] = await finished();
    expect(failed?.spanContext().traceId).toBe(OUTSIDE_TRACE_ID);
    expect(failed?.parentSpanContext?.spanId).toBe(OUTSIDE_PARENT_ID);
    expect(failed?.attributes[SAMPLED_ON_ERROR_ATTRIBUTE]).toBe(true);
  });

  it("marks a sampled span failed in place, without a second span", async () => {
    const { finished } = await tracing();
    const write = startRecordSpan("sink write record", { samplingRatio: 1 });
    write.fail("disk full");
    write.end();
    const spans = await finished();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.message).toBe("disk full");
    expect(spans[0]?.attributes[SAMPLED_ON_ERROR_ATTRIBUTE]).toBeUndefined();
  });
});

describe("startBatchSpan", () => {
  it("links the sampled record spans it carries, and only those", async () => {
    const { finished } = await tracing();
    const sampled = startRecordSpan("source read record", { samplingRatio: 1 });
    const dropped = startRecordSpan("source read record", { samplingRatio: 0 });
    const batch = startBatchSpan("source read", { records: [sampled.context, dropped.context] });
    batch.end();
    const spans = await finished();
    expect(spans.map((span) => span.name)).toEqual(["source read"]);
    expect(spans[0]?.links.map((link) => link.context.traceId)).toEqual([sampled.traceId]);
  });

  it("is not recorded when none of its records is, unless it fails", async () => {
    const { finished } = await tracing();
    const dropped = startRecordSpan("sink write record", { samplingRatio: 0 });
    const quiet = startBatchSpan("sink write", { records: [dropped.context] });
    quiet.end();
    const failing = startBatchSpan("sink write", { records: [dropped.context] });
    failing.fail(new Error("connection refused"));
    failing.end();
    const spans = await finished();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.message).toBe("connection refused");
  });
});

describe("with tracing off", () => {
  it("records nothing and passes the upstream context on unchanged", async () => {
    telemetry = await startTelemetry(config);
    expect(telemetry.isTracing).toBe(false);
    const upstream = outsideTrace("01");
    const hop = startRecordSpan("produce", { parent: upstream, samplingRatio: 1 });
    hop.fail(new Error("ignored"));
    hop.end();
    expect(hop.isRecording).toBe(false);
    expect(hop.context).toBe(upstream);
    expect(startRecordSpan("produce", { samplingRatio: 1 }).context).toBe(ROOT_CONTEXT);
    // Nothing names a trace where nothing is traced, not even an outside one passed on.
    expect(
      startRecordSpan("produce", { parent: outsideTrace("00"), samplingRatio: 1 }).traceId,
    ).toBeUndefined();
    // An upstream's decision not to trace a record goes on, for a later process that traces.
    expect(startRecordSpan("produce", { parent: UNSAMPLED_RECORD, samplingRatio: 1 }).context).toBe(
      UNSAMPLED_RECORD,
    );
  });
});

describe("startTelemetry", () => {
  it("refuses a second start while one runs, and allows one after shutdown", async () => {
    const first = await startTelemetry(config);
    await expect(startTelemetry(config)).rejects.toThrow(/already running/);
    await first.shutdown();
    telemetry = await startTelemetry(config);
  });
});
