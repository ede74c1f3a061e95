import { unpackRecords } from "@connect-mesh/data";
import type { IncomingMessage } from "@connect-mesh/kafka";
import { startTelemetry, TaskTracer, type Telemetry } from "@connect-mesh/telemetry";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { SinkRecordPipeline } from "./sink-record-pipeline.js";
import { taskConvertersFrom } from "./task-converters.js";
import { transformStagesFrom } from "./transform-stages.js";

const TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const SCHEMALESS = {
  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
  "value.converter.schemas.enable": "false",
};
const message = (value: string, headers: IncomingMessage["headers"] = {}): IncomingMessage => ({
  key: null,
  value: Buffer.from(value),
  headers,
  timestamp: "1795614719058",
  offset: "17",
});
const pipelineFor = (config: Record<string, string>) =>
  new SinkRecordPipeline(
    transformStagesFrom(config),
    taskConvertersFrom(config),
    new TaskTracer({ connector: "c", task: 0 }, 1),
  );

describe("SinkRecordPipeline.process", () => {
  it("converts, then transforms, and hands the record on with its trace", () => {
    const consumed = {
      topic: "people",
      partition: 2,
      message: message('{"name":"Ada","ssn":"123-45-6789"}', { traceparent: Buffer.from(TRACEPARENT) }),
    };
    const outcome = pipelineFor({
      ...SCHEMALESS,
      transforms: "mask,route",
      "transforms.mask.type": "MaskField$Value",
      "transforms.mask.fields": "ssn",
      "transforms.route.type": "RegexRouter",
      "transforms.route.regex": "(.*)",
      "transforms.route.replacement": "$1-masked",
    }).process(consumed);
    expect(outcome.kind).toBe("write");
    if (outcome.kind !== "write") return;
    // The message stays with the record, for a dead-letter copy should the connector refuse it.
    expect(outcome.consumed).toBe(consumed);
    expect(outcome.record.topic).toBe("people-masked");
    expect(outcome.record.kafkaPosition).toEqual({ topic: "people", partition: 2, offset: 17n });
    const ssn =
      outcome.record.value?.kind?.$case === "mapValue"
        ? outcome.record.value.kind.value.entries[1]
        : undefined;
    expect(ssn?.value).toEqual({ kind: { $case: "stringValue", value: "" } });
    expect(outcome.record.trace).toEqual({ traceparent: TRACEPARENT, tracestate: "", unsampled: false });
  });

  it("blames the value converter for malformed JSON and keeps the original bytes", () => {
    const headers = { origin: Buffer.from("test") };
    const outcome = pipelineFor(SCHEMALESS).process({
      topic: "people",
      partition: 0,
      message: message("{not json", headers),
    });
    expect(outcome.kind).toBe("failed");
    if (outcome.kind !== "failed") return;
    expect(outcome.failure).toMatchObject({
      stage: "VALUE_CONVERTER",
      className: "org.apache.kafka.connect.json.JsonConverter",
      origin: { kind: "kafka", topic: "people", partition: 0, offset: "17" },
      content: { key: null, value: Buffer.from("{not json"), headers },
    });
  });

  it("blames the key converter for a key it cannot read", () => {
    const outcome = pipelineFor({ "key.converter.schemas.enable": "true" }).process({
      topic: "people",
      partition: 0,
      message: { ...message('{"schema":null,"payload":1}'), key: Buffer.from('{"id":1}') },
    });
    expect(outcome).toMatchObject({
      kind: "failed",
      failure: { stage: "KEY_CONVERTER", className: "org.apache.kafka.connect.json.JsonConverter" },
    });
    if (outcome.kind === "failed")
      expect(String(outcome.failure.error)).toMatch(/could not read the key of a record from topic "people"/);
  });

  it("blames the transform that throws", () => {
    const outcome = pipelineFor({
      ...SCHEMALESS,
      transforms: "mask",
      "transforms.mask.type": "MaskField$Value",
      "transforms.mask.fields": "ssn",
    }).process({ topic: "people", partition: 0, message: message("null") });
    expect(outcome).toMatchObject({
      kind: "failed",
      failure: { stage: "TRANSFORMATION", className: "org.apache.kafka.connect.transforms.MaskField$Value" },
    });
  });
});

describe("SinkRecordPipeline.processRun", () => {
  const STRING_VALUES = { "value.converter": "org.apache.kafka.connect.storage.StringConverter" };
  const messages = ["a", "b", "c"].map((text, index) => ({ ...message(text), offset: String(index) }));
  const pipelineAt = (ratio: number, config: Record<string, string> = STRING_VALUES) =>
    new SinkRecordPipeline(
      transformStagesFrom(config),
      taskConvertersFrom(config),
      new TaskTracer({ connector: "c", task: 0 }, ratio),
    );
  const processEach = (pipeline: SinkRecordPipeline) =>
    messages.map((each) => {
      const outcome = pipeline.process({ topic: "lines", partition: 0, message: each });
      return outcome.kind === "write" ? outcome.record : expect.unreachable(outcome.kind);
    });
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it("packs flat messages into a run that unpacks to what process gives, with tracing off", () => {
    const run = pipelineAt(1).processRun("lines", 0, messages) ?? expect.unreachable("should pack");
    expect(run.unsampled).toBe(false);
    expect(unpackRecords(run)).toEqual(processEach(pipelineAt(1)));
  });

  it("with tracing on, packs only at a sampling ratio of 0, marking every record unsampled as process does", async () => {
    telemetry = await startTelemetry(
      { serviceName: "w", instanceId: "w-1", otlpEndpoint: undefined },
      { exporter: new InMemorySpanExporter() },
    );
    expect(pipelineAt(0.5).processRun("lines", 0, messages)).toBeUndefined();
    const run = pipelineAt(0).processRun("lines", 0, messages) ?? expect.unreachable("should pack");
    expect(run.unsampled).toBe(true);
    expect(unpackRecords(run)).toEqual(processEach(pipelineAt(0)));
  });

  it("leaves messages to go one by one when the task has transforms", () => {
    const withTransform = pipelineAt(1, {
      ...STRING_VALUES,
      transforms: "route",
      "transforms.route.type": "RegexRouter",
      "transforms.route.regex": "lines",
      "transforms.route.replacement": "routed",
    });
    expect(withTransform.processRun("lines", 0, messages)).toBeUndefined();
  });
});
