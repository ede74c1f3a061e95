// The connector-service side of a record's trace, through the real gRPC server on a loopback port, with
// spans exported into memory instead of to a backend.
import {
  type Record as ConnectRecord,
  type ReadRequest,
  SinkServiceClient,
  SourceServiceClient,
} from "@connect-mesh/proto";
import { startTelemetry, type Telemetry } from "@connect-mesh/telemetry";
import { type ClientDuplexStream, credentials, Metadata } from "@grpc/grpc-js";
import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineConfig } from "./config-spec.js";
import { type ConnectorServer, startConnectorServer } from "./connector-server.js";
import { FatalError } from "./errors.js";
import { fromValue, toValue } from "./plain-value.js";
import { defineSinkPlugin, defineSourcePlugin } from "./plugin.js";
import { sourceRecord } from "./source-record.js";

const WAIT = { timeout: 5_000, interval: 5 };
const WORKER_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const UPSTREAM_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const UNSAMPLED_TRACEPARENT = "00-5bf92f3577b34da6a3ce929d0e0e4736-10f067aa0ba902b7-00";

const noConfig = defineConfig({});

/** A source that gives one batch of three records, then waits to be stopped. */
const threeRecords = defineSourcePlugin({
  className: "org.example.ThreeRecordsSource",
  version: "1",
  description: "Three records",
  config: noConfig,
  plan: ({ raw }) => [{ ...raw }],
  async *read(task) {
    yield [0, 1, 2].map((n) =>
      sourceRecord({
        topic: "t",
        sourcePartition: toValue({ stream: "0" }),
        sourceOffset: toValue({ n }),
        value: toValue(`record-${n}`),
      }),
    );
    await new Promise((resolve) => task.signal.addEventListener("abort", resolve, { once: true }));
  },
});

/** The span active while the picky sink's last write ran, undefined for none. */
let activeDuringWrite: string | undefined;

/** A sink that refuses the value "bad", naming its index in the batch. */
const picky = defineSinkPlugin({
  className: "org.example.PickySink",
  version: "1",
  description: "Refuses bad values",
  config: noConfig,
  plan: ({ raw }) => [{ ...raw }],
  async open() {
    return {
      async write(records) {
        activeDuringWrite = trace.getActiveSpan()?.spanContext().spanId;
        const index = records.findIndex((record) => fromValue(record.value) === "bad");
        if (index >= 0) throw new FatalError("cannot store a bad value", { recordIndex: index });
      },
      async flush() {},
      async close() {},
    };
  },
});

let server: ConnectorServer;
let telemetry: Telemetry;
let exporter: InMemorySpanExporter;
/** The open calls, cancelled after each test. */
const streams: { cancel(): void }[] = [];

beforeEach(async () => {
  exporter = new InMemorySpanExporter();
  telemetry = await startTelemetry(
    { serviceName: "sdk-test", instanceId: "t-1", otlpEndpoint: undefined },
    { exporter },
  );
  server = await startConnectorServer({ plugins: [threeRecords, picky], gracePeriodMs: 1_000 });
});

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.cancel();
  await server.stop({ graceful: false });
  await telemetry.shutdown();
});

async function finishedSpans(count: number): Promise<ReadableSpan[]> {
  await vi.waitFor(async () => {
    await telemetry.forceFlush();
    expect(exporter.getFinishedSpans().length).toBeGreaterThanOrEqual(count);
  }, WAIT);
  return exporter.getFinishedSpans();
}

/** Call metadata as a worker sends it: the worker's own context. */
function workerMetadata(): Metadata {
  const metadata = new Metadata();
  metadata.set("traceparent", WORKER_TRACEPARENT);
  return metadata;
}

/** Collects a stream's responses; the call is cancelled after the test. */
function collectResponses<Req, Res>(call: ClientDuplexStream<Req, Res>): Res[] {
  streams.push(call);
  const responses: Res[] = [];
  call.on("data", (response: Res) => responses.push(response));
  // The final status is not what these tests check; without a listener an error status would throw.
  call.on("error", () => undefined);
  return responses;
}

/** The Read stream's first message: task 2 of connector "src" on the three-record source. */
function openSource(config: Record<string, string>): ReadRequest {
  return {
    message: {
      $case: "open",
      value: {
        plugin: "org.example.ThreeRecordsSource",
        connectorName: "src",
        taskId: 2,
        config,
        offsets: [],
      },
    },
  };
}

/** Opens task 2 of the three-record source at `samplingRatio`, as a worker does, and gives its first batch. */
async function firstSourceBatch(samplingRatio: string): Promise<ConnectRecord[]> {
  const client = new SourceServiceClient(server.address, credentials.createInsecure());
  try {
    const call = client.read(workerMetadata());
    const responses = collectResponses(call);
    call.write(openSource({ "trace.sampling.ratio": samplingRatio }));
    call.write({ message: { $case: "credit", value: { batches: 1 } } });
    await vi.waitFor(() => expect(responses).toHaveLength(1), WAIT);
    const batch = responses[0]?.message;
    return batch?.$case === "batch" ? batch.value.records : [];
  } finally {
    client.close();
  }
}

describe("a source task's spans", () => {
  it("starts one trace per record, puts it on the record, and links the batch span to them", async () => {
    const records = await firstSourceBatch("1");
    const traceIds = records.map((record) => record.trace?.traceparent.split("-")[1]);
    expect(new Set(traceIds).size).toBe(3);

    const spans = await finishedSpans(4);
    const recordSpans = spans.filter((span) => span.name === "source read record");
    const batchSpan = spans.find((span) => span.name === "source read");
    expect(recordSpans.map((span) => span.spanContext().traceId).sort()).toEqual([...traceIds].sort());
    expect(recordSpans[0]?.attributes).toMatchObject({
      "connect-mesh.connector": "src",
      "connect-mesh.task": 2,
      "connect-mesh.hop": "source-read",
      "messaging.system": "kafka",
      "messaging.destination.name": "t",
    });
    expect(batchSpan?.links.map((link) => link.context.traceId).sort()).toEqual([...traceIds].sort());
    expect(batchSpan?.spanContext().traceId).toBe("0af7651916cd43dd8448eb211c80319c");
    expect(batchSpan?.attributes["messaging.batch.message_count"]).toBe(3);
  });

  it("marks every record of a batch it does not sample unsampled, and starts no span for them", async () => {
    const records = await firstSourceBatch("0");
    expect(records.map((record) => record.trace)).toEqual(
      Array(3).fill({ traceparent: "", tracestate: "", unsampled: true }),
    );
    // Only the batch's span, recorded as the worker's sampled call context's child, linked to nothing.
    const spans = await finishedSpans(1);
    expect(spans.map((span) => [span.name, span.links.length])).toEqual([["source read", 0]]);
  });

  it("refuses a task whose trace.sampling.ratio is not a ratio, naming the key", async () => {
    const client = new SourceServiceClient(server.address, credentials.createInsecure());
    const call = client.read();
    const failure = new Promise<Error>((resolve) => call.on("error", resolve));
    call.on("data", () => undefined);
    call.write(openSource({ "trace.sampling.ratio": "all" }));
    expect((await failure).message).toMatch(/trace\.sampling\.ratio/);
    client.close();
  });
});

describe("a sink task's spans", () => {
  function sinkRecord(value: string, traceparent: string, offset: bigint): ConnectRecord {
    return {
      ...sourceRecord({
        topic: "t",
        sourcePartition: toValue({}),
        sourceOffset: toValue({}),
        value: toValue(value),
      }),
      kafkaPosition: { topic: "t", partition: 0, offset },
      // No traceparent: a record its first hop decided not to trace, as the worker sends it.
      trace: { traceparent, tracestate: "", unsampled: traceparent === "" },
    };
  }

  /** Opens a task of the sink that refuses a "bad" value, writes `records` as one batch, and gives its answer. */
  async function writeToPickySink(records: ConnectRecord[], metadata = workerMetadata()) {
    const client = new SinkServiceClient(server.address, credentials.createInsecure());
    try {
      const call = client.write(metadata);
      const responses = collectResponses(call);
      call.write({
        message: {
          $case: "open",
          value: {
            plugin: "org.example.PickySink",
            connectorName: "snk",
            taskId: 0,
            config: {},
            assigned: [],
          },
        },
      });
      call.write({ message: { $case: "batch", value: { sequence: 1n, records, packed: [] } } });
      await vi.waitFor(() => expect(responses).toHaveLength(1), WAIT);
      return responses[0]?.message;
    } finally {
      client.close();
    }
  }

  it("continues each record's trace, and traces a failed record that was not sampled", async () => {
    const answer = await writeToPickySink([
      sinkRecord("good", UPSTREAM_TRACEPARENT, 5n),
      sinkRecord("bad", UNSAMPLED_TRACEPARENT, 6n),
    ]);
    expect(answer?.$case).toBe("error");

    const spans = await finishedSpans(3);
    const good = spans.find((span) => span.spanContext().traceId === "4bf92f3577b34da6a3ce929d0e0e4736");
    const bad = spans.find((span) => span.spanContext().traceId === "5bf92f3577b34da6a3ce929d0e0e4736");
    const batch = spans.find((span) => span.name === "sink write");
    expect(good?.name).toBe("sink write record");
    expect(good?.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(good?.attributes).toMatchObject({ "messaging.kafka.offset": 5, "connect-mesh.hop": "sink-write" });
    // Sampled, but not the failing record: it shows the batch's error without being its cause.
    expect(good?.status.message).toBe("cannot store a bad value");
    expect(bad?.name).toBe("sink write record");
    expect(bad?.attributes).toMatchObject({
      "messaging.kafka.offset": 6,
      "connect-mesh.sampled_on_error": true,
    });
    expect(bad?.status.message).toBe("cannot store a bad value");
    expect(batch?.status.message).toBe("cannot store a bad value");
    expect(batch?.parentSpanContext?.spanId).toBe("b7ad6b7169203331");
  });

  it("records a refused record that carried no trace in a trace of its own, and names it to the worker", async () => {
    const answer = await writeToPickySink([sinkRecord("fine", "", 5n), sinkRecord("bad", "", 6n)]);
    expect(answer?.$case).toBe("error");
    const error = answer?.$case === "error" ? answer.value.error : undefined;
    expect(error?.recordIndex).toBe(1);

    // The batch span and the refused record's: the record that was written stays untraced.
    const spans = await finishedSpans(2);
    const refused = spans.find((span) => span.name === "sink write record");
    expect(refused?.attributes).toMatchObject({
      "messaging.kafka.offset": 6,
      "connect-mesh.sampled_on_error": true,
    });
    expect(refused?.parentSpanContext).toBeUndefined();
    const { traceId, spanId } = refused?.spanContext() ?? {};
    expect(error?.trace).toEqual({
      traceparent: `00-${traceId}-${spanId}-01`,
      tracestate: "",
      unsampled: false,
    });
  });

  it("runs the plugin's write in the batch's span only when that is recorded", async () => {
    expect((await writeToPickySink([sinkRecord("fine", UPSTREAM_TRACEPARENT, 5n)]))?.$case).toBe("ack");
    const [, batch] = await finishedSpans(2);
    expect(batch?.name).toBe("sink write");
    expect(activeDuringWrite).toBe(batch?.spanContext().spanId);

    // No sampled record and no traced call: the batch records nothing, so no span is made active.
    expect((await writeToPickySink([sinkRecord("fine", "", 6n)], new Metadata()))?.$case).toBe("ack");
    expect(activeDuringWrite).toBeUndefined();
  });
});
