import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidSamplingRatioError } from "./sampling-ratio.js";
import { startTelemetry, type Telemetry } from "./start-telemetry.js";
import { TaskTracer } from "./task-tracer.js";
import { fromRecordTrace } from "./trace-carriers.js";

const TASK = { connector: "orders-sink", task: 3 };
let telemetry: Telemetry | undefined;

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

describe("TaskTracer", () => {
  it("reads the connector's sampling ratio, and refuses a bad one", () => {
    expect(TaskTracer.fromConfig(TASK, { "trace.sampling.ratio": "0.25" }).samplingRatio).toBe(0.25);
    expect(() => TaskTracer.fromConfig(TASK, { "trace.sampling.ratio": "2" })).toThrow(
      InvalidSamplingRatioError,
    );
  });

  it("decides per batch: a tracer that samples every record or none, at the connector's ratio", () => {
    const tracer = new TaskTracer(TASK, 0.25);
    const random = vi.spyOn(Math, "random");
    try {
      random.mockReturnValue(0.2);
      expect(tracer.forBatch().samplingRatio).toBe(1);
      random.mockReturnValue(0.25);
      expect(tracer.forBatch().samplingRatio).toBe(0);
      expect(tracer.forBatch()).toBe(tracer.forBatch());
      expect(tracer.forBatch().task).toBe(TASK);
    } finally {
      random.mockRestore();
    }
    for (const ratio of [0, 1]) {
      const decided = new TaskTracer(TASK, ratio);
      expect(decided.forBatch()).toBe(decided);
    }
  });

  it("starts a record's hop with the task's attributes and links a batch hop to it", async () => {
    const exporter = new InMemorySpanExporter();
    telemetry = await startTelemetry(
      { serviceName: "w", instanceId: "w-1", otlpEndpoint: undefined },
      { exporter },
    );
    const tracer = new TaskTracer(TASK, 1);
    const consume = tracer.recordHop("consume", "consume", undefined, {
      topic: "orders",
      partition: 1,
      offset: 9n,
    });
    const batch = tracer.batchHop("sink write", "sink-write", undefined, [consume.context]);
    consume.end();
    batch.end();
    await telemetry.forceFlush();
    const [recordSpan, batchSpan] = exporter.getFinishedSpans();
    expect(recordSpan?.attributes).toEqual({
      "connect-mesh.connector": "orders-sink",
      "connect-mesh.task": 3,
      "connect-mesh.hop": "consume",
      "messaging.system": "kafka",
      "messaging.destination.name": "orders",
      "messaging.destination.partition.id": "1",
      "messaging.kafka.offset": 9,
    });
    expect(batchSpan?.links[0]?.context.spanId).toBe(recordSpan?.spanContext().spanId);
  });

  it("passes the parent's context on, recording nothing, with tracing off", () => {
    const parent = fromRecordTrace({
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      tracestate: "",
      unsampled: false,
    });
    const tracer = new TaskTracer(TASK, 1);
    expect(tracer.recordHop("convert", "convert", parent).context).toBe(parent);
    expect(tracer.batchHop("sink write", "sink-write", undefined, [parent]).context).toBe(ROOT_CONTEXT);
    expect(trace.getSpanContext(tracer.recordHop("convert", "convert", undefined).context)).toBeUndefined();
  });

  it("says which hops record nothing: an unsampled trace carried on, or one this tracer does not sample", () => {
    const sampledUpstream = fromRecordTrace({
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      tracestate: "",
      unsampled: false,
    });
    const unsampledUpstream = fromRecordTrace({
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
      tracestate: "",
      unsampled: false,
    });
    const marked = fromRecordTrace({ traceparent: "", tracestate: "", unsampled: true });
    const never = new TaskTracer(TASK, 0);
    const always = new TaskTracer(TASK, 1);
    for (const tracer of [never, always]) {
      expect(tracer.silentContext(marked)).toBe(marked);
      expect(tracer.silentContext(unsampledUpstream)).toBe(unsampledUpstream);
      expect(tracer.silentContext(sampledUpstream)).toBeUndefined();
    }
    expect(never.silentContext(ROOT_CONTEXT)).toBe(marked);
    expect(always.silentContext(ROOT_CONTEXT)).toBeUndefined();
  });

  it("starts a hop late from the time given, so a failure skipped until then keeps its start", async () => {
    const exporter = new InMemorySpanExporter();
    telemetry = await startTelemetry(
      { serviceName: "w", instanceId: "w-1", otlpEndpoint: undefined },
      { exporter },
    );
    const startedAt = Date.now() - 5_000;
    const tracer = new TaskTracer(TASK, 0);
    const write = tracer.recordHop(
      "sink write record",
      "sink-write",
      undefined,
      undefined,
      undefined,
      startedAt,
    );
    write.fail(new Error("refused"));
    write.end();
    await telemetry.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.startTime).toEqual([Math.floor(startedAt / 1000), (startedAt % 1000) * 1_000_000]);
  });
});
