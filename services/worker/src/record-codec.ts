import type { Record as MeshRecord, Value } from "@connect-mesh/proto";
import type { IHeaders, KafkaMessage, Message } from "kafkajs";
import type { TaskConverters } from "./task-converters.js";

/**
 * A source record as a Kafka message: key and value through the task's converters; headers as their
 * string or bytes form (the header converter arrives with the transforms work).
 */
export function toKafkaMessage(record: MeshRecord, converters: TaskConverters): Message {
  const headers: IHeaders = {};
  for (const header of record.headers) {
    const bytes = headerBytes(header.value);
    if (bytes !== undefined) headers[header.key] = bytes;
  }
  return {
    key: converters.key.fromConnectData(record.topic, record.keySchema, record.key),
    value: converters.value.fromConnectData(record.topic, record.valueSchema, record.value),
    headers,
    partition: record.kafkaPartition,
    timestamp: record.timestampMs === undefined ? undefined : String(record.timestampMs),
  };
}

/** A consumed Kafka message as a sink record, with where it came from. */
export function fromKafkaMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
  converters: TaskConverters,
): MeshRecord {
  const key = converters.key.toConnectData(topic, message.key);
  const value = converters.value.toConnectData(topic, message.value);
  return {
    key: key.value,
    keySchema: key.schema,
    value: value.value,
    valueSchema: value.schema,
    headers: Object.entries(message.headers ?? {}).flatMap(([headerKey, headerValue]) =>
      (Array.isArray(headerValue) ? headerValue : [headerValue]).map((v) => ({
        key: headerKey,
        value:
          v === undefined ? undefined : { kind: { $case: "bytesValue" as const, value: Buffer.from(v) } },
        schema: undefined,
      })),
    ),
    timestampMs: BigInt(message.timestamp),
    topic,
    kafkaPartition: partition,
    sourcePartition: undefined,
    sourceOffset: undefined,
    kafkaPosition: { topic, partition, offset: BigInt(message.offset) },
    trace: undefined,
  };
}

function headerBytes(value: Value | undefined): Buffer | string | undefined {
  switch (value?.kind?.$case) {
    case "stringValue":
      return value.kind.value;
    case "bytesValue":
      return value.kind.value;
    default:
      return value?.kind === undefined
        ? undefined
        : JSON.stringify(value.kind.value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  }
}
