import type { Record as ConnectRecord, Header, Schema, TraceContext, Value } from "@connect-mesh/proto";

/** The parts of a source record a connector sets; everything left out is unset (a null key, no headers…). */
export interface SourceRecordInit {
  /** The Kafka topic to write to. */
  readonly topic: string;
  /** Which part of the source system the record came from, e.g. `toValue({ filename: "a.txt" })`. */
  readonly sourcePartition: Value;
  /** How far into that partition the record is, e.g. `toValue({ position: 120 })`; stored once durable. */
  readonly sourceOffset: Value;
  readonly key?: Value;
  readonly keySchema?: Schema;
  readonly value?: Value;
  readonly valueSchema?: Schema;
  readonly headers?: Header[];
  /** Milliseconds since the Unix epoch; unset lets Kafka assign it. */
  readonly timestampMs?: bigint;
  /** The Kafka partition; unset lets the producer's partitioner choose. */
  readonly kafkaPartition?: number;
  readonly trace?: TraceContext;
}

/** Builds a source record without spelling out every field of the contract's Record. */
export function sourceRecord(init: SourceRecordInit): ConnectRecord {
  return {
    key: init.key,
    keySchema: init.keySchema,
    value: init.value,
    valueSchema: init.valueSchema,
    headers: init.headers ?? [],
    timestampMs: init.timestampMs,
    topic: init.topic,
    kafkaPartition: init.kafkaPartition,
    sourcePartition: init.sourcePartition,
    sourceOffset: init.sourceOffset,
    kafkaPosition: undefined,
    trace: init.trace,
  };
}
