import type { Attributes } from "@opentelemetry/api";

/**
 * Attribute names. The messaging ones are OpenTelemetry's messaging semantic conventions (still
 * "development" there, so spelled out here rather than imported from the unstable entry point); the
 * connect-mesh ones say which connector, task and hop a span belongs to.
 */
export const SpanAttributes = {
  messagingSystem: "messaging.system",
  messagingOperationType: "messaging.operation.type",
  destinationName: "messaging.destination.name",
  partitionId: "messaging.destination.partition.id",
  kafkaOffset: "messaging.kafka.offset",
  batchMessageCount: "messaging.batch.message_count",
  connector: "connect-mesh.connector",
  task: "connect-mesh.task",
  hop: "connect-mesh.hop",
  /**
   * The record's key and value as text, at a hop that may show them (`cmesh trace` prints them). Only
   * what is already in Kafka may go here, after the source side's transforms have masked it (the produce
   * and consume hops), truncated, never a connector config value: a span can be read by anyone who can
   * read the trace backend. See docs/observability.md.
   */
  recordKey: "connect-mesh.record.key",
  recordValue: "connect-mesh.record.value",
} as const;

/** The hops of a record's journey, as `connect-mesh.hop` names them, so tools can find each in a trace. */
export type Hop =
  | "source-read"
  | "transform"
  | "convert"
  | "produce"
  | "consume"
  | "sink-write"
  | "dead-letter";

/**
 * The span names of the hops, one place for every process, so a trace reads the same whoever wrote it.
 * A batch hop (`source read`, `sink write`) links to the per-record spans of the records it carries.
 */
export const SpanNames = {
  /** Connector service, per batch: the plugin's batch is read and sent to the worker. */
  sourceReadBatch: "source read",
  /** Connector service, per record: the record's first span, where its trace starts. */
  sourceReadRecord: "source read record",
  /** Worker, per record and transform: `transform <alias>` (Kafka Connect's alias from `transforms`). */
  transform: (alias: string) => `transform ${alias}`,
  /** Worker, per record: the key, value and header converters. */
  convert: "convert",
  /** Worker, per record: the Kafka send. */
  produce: "produce",
  /** Worker, per record: the record as the sink task's consumer received it. */
  consume: "consume",
  /** Connector service, per batch: the plugin's write of a batch. */
  sinkWriteBatch: "sink write",
  /** Connector service, per record: the record's part in its batch's write. */
  sinkWriteRecord: "sink write record",
  /** Worker, per record: the copy sent to the dead-letter queue. */
  deadLetter: "dead letter",
} as const;

/** Which connector and task a span belongs to. */
export interface TaskIdentity {
  readonly connector: string;
  readonly task: number;
}

/** Where a record sits in Kafka; partition and offset only when known (a source record before its send has neither). */
export interface KafkaRecordPosition {
  readonly topic: string;
  readonly partition?: number;
  /** kafkajs hands offsets over as strings, the contract as int64. */
  readonly offset?: bigint | number | string;
}

/** `connect-mesh.connector`, `connect-mesh.task` and `connect-mesh.hop`. */
export function taskAttributes(task: TaskIdentity, hop: Hop): Attributes {
  return {
    [SpanAttributes.connector]: task.connector,
    [SpanAttributes.task]: task.task,
    [SpanAttributes.hop]: hop,
  };
}

/**
 * The messaging attributes of one Kafka record, as OpenTelemetry's Kafka conventions spell them:
 * `messaging.system=kafka`, the topic, the partition (a string there) and the offset.
 */
export function kafkaRecordAttributes(position: KafkaRecordPosition): Attributes {
  const attributes: Attributes = {
    [SpanAttributes.messagingSystem]: "kafka",
    [SpanAttributes.destinationName]: position.topic,
  };
  if (position.partition !== undefined) attributes[SpanAttributes.partitionId] = String(position.partition);
  if (position.offset !== undefined) attributes[SpanAttributes.kafkaOffset] = Number(position.offset);
  return attributes;
}

/** A record hop's attributes: its task and hop, plus the record's place in Kafka when it has one. */
export function recordSpanAttributes(
  task: TaskIdentity,
  hop: Hop,
  position: KafkaRecordPosition | undefined,
): Attributes {
  const attributes = taskAttributes(task, hop);
  return position === undefined ? attributes : { ...attributes, ...kafkaRecordAttributes(position) };
}

/** A batch hop's attributes: its task and hop, and how many records it carries. */
export function batchSpanAttributes(task: TaskIdentity, hop: Hop, recordCount: number): Attributes {
  return { ...taskAttributes(task, hop), [SpanAttributes.batchMessageCount]: recordCount };
}
