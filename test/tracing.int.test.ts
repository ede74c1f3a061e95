import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { type StandaloneJaeger, stackConfigFromEnv, startStandaloneJaeger } from "@connect-mesh/deploy";
import {
  extractKafkaHeaders,
  injectKafkaHeaders,
  type KafkaHeaders,
  recordSpanAttributes,
  SpanNames,
  startRecordSpan,
  startTelemetry,
  type Telemetry,
} from "@connect-mesh/telemetry";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import "./stack-context.js";

/** What Jaeger's query API answers for one trace (the parts checked here). */
interface JaegerTrace {
  readonly spans: readonly {
    readonly spanID: string;
    readonly operationName: string;
    readonly processID: string;
    readonly references: readonly { readonly refType: string; readonly spanID: string }[];
    readonly tags: readonly { readonly key: string; readonly value: unknown }[];
  }[];
  readonly processes: Record<
    string,
    { readonly serviceName: string; readonly tags: readonly { key: string; value: unknown }[] }
  >;
}

const TASK = { connector: "trace-test", task: 0 };
let jaeger: StandaloneJaeger;
let telemetry: Telemetry | undefined;

beforeAll(async () => {
  // Built once into the shared cache (minutes on a cold Go cache), then started on free ports.
  jaeger = await startStandaloneJaeger({
    cacheDir: stackConfigFromEnv(process.env).cacheDir,
    runDir: join(inject("runDir"), "trace-test-jaeger"),
    progress: (line) => process.stderr.write(`[jaeger] ${line}\n`),
  });
}, 900_000);

afterAll(async () => {
  await jaeger?.stop();
});

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

/** The trace as Jaeger's query API answers it, once it holds `spanCount` spans. */
async function traceFromJaeger(traceId: string, spanCount: number): Promise<JaegerTrace> {
  return waitFor(
    async () => {
      const response = await fetch(`${jaeger.queryUrl}/api/traces/${traceId}`);
      if (response.status === 404) return undefined;
      const body = (await response.json()) as { data?: JaegerTrace[] };
      return body.data?.[0];
    },
    (trace) => trace !== undefined && trace.spans.length >= spanCount,
    { timeoutMs: 30_000, description: `Jaeger to hold ${spanCount} spans of trace ${traceId}` },
  ) as Promise<JaegerTrace>;
}

const tag = (tags: readonly { key: string; value: unknown }[], key: string) =>
  tags.find((t) => t.key === key)?.value;

describe("tracing into a real Jaeger", () => {
  it("finds a record's hops, parent and child across a Kafka header, through the query API", async () => {
    telemetry = await startTelemetry({
      serviceName: "trace-test",
      instanceId: "trace-test-1",
      otlpEndpoint: jaeger.otlpEndpoint,
    });
    const read = startRecordSpan(SpanNames.sourceReadRecord, {
      samplingRatio: 1,
      attributes: recordSpanAttributes(TASK, "source-read", { topic: "trace-topic" }),
    });
    const headers: KafkaHeaders = {};
    injectKafkaHeaders(read.context, headers);
    const consume = startRecordSpan(SpanNames.consume, {
      parent: extractKafkaHeaders(headers),
      samplingRatio: 0,
      attributes: recordSpanAttributes(TASK, "consume", { topic: "trace-topic", partition: 0, offset: "7" }),
    });
    consume.end();
    read.end();
    await telemetry.shutdown();

    const traceId = read.traceId ?? "";
    const trace = await traceFromJaeger(traceId, 2);
    const byName = new Map(trace.spans.map((span) => [span.operationName, span]));
    const readSpan = byName.get("source read record");
    const consumeSpan = byName.get("consume");
    expect(consumeSpan?.references).toEqual([
      expect.objectContaining({ refType: "CHILD_OF", spanID: readSpan?.spanID }),
    ]);
    expect(tag(consumeSpan?.tags ?? [], "messaging.kafka.offset")).toBe(7);
    expect(tag(consumeSpan?.tags ?? [], "messaging.destination.partition.id")).toBe("0");
    const process = trace.processes[readSpan?.processID ?? ""];
    expect(process?.serviceName).toBe("trace-test");
    expect(tag(process?.tags ?? [], "service.instance.id")).toBe("trace-test-1");
  });

  it("records a failed record that was not sampled, in a trace its failure starts", async () => {
    telemetry = await startTelemetry({
      serviceName: "trace-test",
      instanceId: "trace-test-1",
      otlpEndpoint: jaeger.otlpEndpoint,
    });
    const read = startRecordSpan(SpanNames.sourceReadRecord, { samplingRatio: 0 });
    const convert = startRecordSpan(SpanNames.convert, { parent: read.context, samplingRatio: 0 });
    convert.fail(new Error("value is not JSON"));
    convert.end();
    read.end();
    await telemetry.shutdown();

    // The record carried no trace id (it was not sampled): the failed hop's span starts its trace.
    expect(read.traceId).toBeUndefined();
    const trace = await traceFromJaeger(convert.traceId ?? "", 1);
    expect(trace.spans.map((span) => span.operationName)).toEqual(["convert"]);
    const [failed] = trace.spans;
    expect(tag(failed?.tags ?? [], "error")).toBe(true);
    expect(tag(failed?.tags ?? [], "otel.status_description")).toBe("value is not JSON");
    expect(tag(failed?.tags ?? [], "connect-mesh.sampled_on_error")).toBe(true);
  });
});
