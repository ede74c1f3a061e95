import { Record as MeshRecord, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { fromKafkaMessage, toKafkaMessage } from "./record-codec.js";
import { taskConvertersFrom } from "./task-converters.js";

const line = MeshRecord.fromPartial({
  topic: "file-topic",
  value: { kind: { $case: "stringValue", value: "hello" } },
  valueSchema: { type: SchemaType.SCHEMA_TYPE_STRING },
  headers: [{ key: "origin", value: { kind: { $case: "stringValue", value: "test" } } }],
  timestampMs: 1_795_614_719_058n,
});

describe("toKafkaMessage", () => {
  it("writes the value in Connect's JSON envelope by default, as the quickstart's worker does", () => {
    const message = toKafkaMessage(line, taskConvertersFrom({}));
    expect(message.value?.toString()).toBe('{"schema":{"type":"string","optional":false},"payload":"hello"}');
    expect(message.key).toBeNull();
    expect(message.headers).toEqual({ origin: "test" });
    expect(message.timestamp).toBe("1795614719058");
  });

  it("uses the converters the task config names", () => {
    const converters = taskConvertersFrom({
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    });
    expect(toKafkaMessage(line, converters).value?.toString()).toBe("hello");
  });
});

describe("fromKafkaMessage", () => {
  it("reads back what toKafkaMessage wrote, with where it came from", () => {
    const converters = taskConvertersFrom({});
    const written = toKafkaMessage(line, converters);
    const record = fromKafkaMessage(
      "file-topic",
      3,
      {
        key: null,
        value: written.value as Buffer,
        headers: { origin: Buffer.from("test") },
        timestamp: "1795614719058",
        offset: "42",
        attributes: 0,
      },
      converters,
    );
    expect(record.value).toEqual(line.value);
    expect(record.valueSchema?.type).toBe(SchemaType.SCHEMA_TYPE_STRING);
    expect(record.kafkaPosition).toEqual({ topic: "file-topic", partition: 3, offset: 42n });
    expect(record.headers).toEqual([
      {
        key: "origin",
        value: { kind: { $case: "bytesValue", value: Buffer.from("test") } },
        schema: undefined,
      },
    ]);
  });
});
