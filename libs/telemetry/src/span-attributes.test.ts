import { describe, expect, it } from "vitest";
import {
  batchSpanAttributes,
  kafkaRecordAttributes,
  recordSpanAttributes,
  SpanNames,
} from "./span-attributes.js";

describe("kafkaRecordAttributes", () => {
  it("spells a record's place in Kafka as OpenTelemetry's messaging conventions do", () => {
    expect(kafkaRecordAttributes({ topic: "orders", partition: 3, offset: "42" })).toEqual({
      "messaging.system": "kafka",
      "messaging.destination.name": "orders",
      "messaging.destination.partition.id": "3",
      "messaging.kafka.offset": 42,
    });
  });

  it("leaves out the partition and offset a record does not have yet", () => {
    expect(kafkaRecordAttributes({ topic: "orders" })).toEqual({
      "messaging.system": "kafka",
      "messaging.destination.name": "orders",
    });
  });

  it.each([42n, 42, "42"])(
    "takes the offset as the contract, kafkajs or a number gives it (%s)",
    (offset) => {
      expect(kafkaRecordAttributes({ topic: "t", offset })["messaging.kafka.offset"]).toBe(42);
    },
  );
});

describe("recordSpanAttributes and batchSpanAttributes", () => {
  it("name the connector, task and hop on every span", () => {
    expect(
      recordSpanAttributes({ connector: "file-sink", task: 0 }, "consume", { topic: "t", partition: 0 }),
    ).toMatchObject({
      "connect-mesh.connector": "file-sink",
      "connect-mesh.task": 0,
      "connect-mesh.hop": "consume",
      "messaging.destination.partition.id": "0",
    });
    expect(batchSpanAttributes({ connector: "file-source", task: 1 }, "source-read", 500)).toEqual({
      "connect-mesh.connector": "file-source",
      "connect-mesh.task": 1,
      "connect-mesh.hop": "source-read",
      "messaging.batch.message_count": 500,
    });
  });
});

describe("SpanNames", () => {
  it("names a transform's hop after its alias", () => {
    expect(SpanNames.transform("mask")).toBe("transform mask");
  });
});
