import { packRecords } from "@connect-mesh/data";
import { Record as MeshRecord, SchemaType } from "@connect-mesh/proto";
import { TaskTracer } from "@connect-mesh/telemetry";
import { describe, expect, it } from "vitest";
import { SourceRecordPipeline } from "./source-record-pipeline.js";
import { taskConvertersFrom } from "./task-converters.js";
import { transformStagesFrom } from "./transform-stages.js";

const TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const str = (value: string) => ({ kind: { $case: "stringValue" as const, value } });
const line = (value: string) =>
  MeshRecord.fromPartial({
    topic: "lines",
    value: str(value),
    valueSchema: { type: SchemaType.SCHEMA_TYPE_STRING },
    sourcePartition: {
      kind: { $case: "mapValue", value: { entries: [{ key: str("filename"), value: str("in.txt") }] } },
    },
    sourceOffset: {
      kind: {
        $case: "mapValue",
        value: { entries: [{ key: str("position"), value: { kind: { $case: "intValue", value: 7n } } }] },
      },
    },
    trace: { traceparent: TRACEPARENT, tracestate: "" },
  });
const pipelineFor = (config: Record<string, string>) =>
  new SourceRecordPipeline(
    transformStagesFrom(config),
    taskConvertersFrom(config),
    new TaskTracer({ connector: "c", task: 0 }, 1),
  );
const STRING_VALUES = { "value.converter": "org.apache.kafka.connect.storage.StringConverter" };

describe("SourceRecordPipeline.process", () => {
  it("runs the transforms, then the converters, and carries the record's trace into the message headers", () => {
    const outcome = pipelineFor({
      ...STRING_VALUES,
      transforms: "addHeader,route",
      "transforms.addHeader.type": "InsertHeader",
      "transforms.addHeader.header": "origin",
      "transforms.addHeader.value.literal": "file",
      "transforms.route.type": "RegexRouter",
      "transforms.route.regex": "lines",
      "transforms.route.replacement": "lines-routed",
    }).process(line("hello"));
    expect(outcome).toMatchObject({ kind: "produce", topic: "lines-routed" });
    if (outcome.kind !== "produce") return;
    expect(outcome.message.value?.toString()).toBe("hello");
    expect(outcome.message.headers?.origin?.toString()).toBe("file");
    // Tracing is off in this test, so the trace passes on unchanged: the sink side continues it.
    expect(outcome.message.headers?.traceparent).toBe(TRACEPARENT);
  });

  it("drops a record a predicate-guarded Filter matches", () => {
    const outcome = pipelineFor({
      transforms: "skipLines",
      "transforms.skipLines.type": "Filter",
      "transforms.skipLines.predicate": "isLines",
      predicates: "isLines",
      "predicates.isLines.type": "TopicNameMatches",
      "predicates.isLines.pattern": "lines",
    }).process(line("hello"));
    expect(outcome).toEqual({ kind: "dropped" });
  });

  it("blames a transform that throws, keeping the record as the connector sent it", () => {
    const outcome = pipelineFor({
      transforms: "upper,toInt",
      "transforms.upper.type": "InsertHeader",
      "transforms.upper.header": "h",
      "transforms.upper.value.literal": "x",
      "transforms.toInt.type": "Cast$Value",
      "transforms.toInt.spec": "int32",
    }).process(line("not a number"));
    expect(outcome.kind).toBe("failed");
    if (outcome.kind !== "failed") return;
    const { failure } = outcome;
    expect(failure.stage).toBe("TRANSFORMATION");
    expect(failure.className).toBe("org.apache.kafka.connect.transforms.Cast$Value");
    expect(failure.origin).toEqual({
      kind: "source",
      topic: "lines",
      sourcePartition: '{"filename":"in.txt"}',
      sourceOffset: '{"position":7}',
    });
    // Rendered with its schema, so a replay can rebuild it exactly; no transform has touched it.
    expect(failure.content.value?.toString()).toBe(
      '{"schema":{"type":"string","optional":false},"payload":"not a number"}',
    );
    expect(failure.content.headers).toEqual({});
  });

  it("blames the value converter for a value that does not fit its schema", () => {
    const record = MeshRecord.fromPartial({
      ...line("x"),
      valueSchema: { type: SchemaType.SCHEMA_TYPE_INT32 },
    });
    const outcome = pipelineFor({}).process(record);
    expect(outcome).toMatchObject({
      kind: "failed",
      failure: { stage: "VALUE_CONVERTER", className: "org.apache.kafka.connect.json.JsonConverter" },
    });
  });
});

describe("SourceRecordPipeline.processRun", () => {
  const run = () => {
    const records = ["a", "b", "c", "d"].map((text) => ({ ...line(text), trace: undefined }));
    const [packed] = packRecords(records) ?? expect.unreachable("the lines should pack");
    return packed ?? expect.unreachable();
  };

  it("makes a run's messages straight from its values when the task has no transforms", () => {
    const messages = pipelineFor(STRING_VALUES).processRun(run());
    expect(messages?.map((message) => message.value?.toString())).toEqual(["a", "b", "c", "d"]);
  });

  it("leaves a run to go record by record when the task has transforms, or a record fails to convert", () => {
    const withTransform = pipelineFor({
      ...STRING_VALUES,
      transforms: "route",
      "transforms.route.type": "RegexRouter",
      "transforms.route.regex": "lines",
      "transforms.route.replacement": "routed",
    });
    expect(withTransform.processRun(run())).toBeUndefined();
    const refusing = pipelineFor({
      "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
    });
    expect(refusing.processRun(run())).toBeUndefined();
  });
});
