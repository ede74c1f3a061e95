import {
  type Record as ConnectRecord,
  type KafkaPosition,
  type PackedRecords,
  Schema,
  SchemaType,
  type SourceBatch,
  type TraceContext,
  Value,
} from "@connect-mesh/proto";

/** The trace of a record whose first hop decided not to trace it; shared, as nothing edits a record's trace. */
const UNSAMPLED_TRACE: TraceContext = Object.freeze({ traceparent: "", tracestate: "", unsampled: true });

/**
 * A flat key or value as the packed form carries it: STRING text as UTF-8, BYTES as they are. Undefined for
 * any other schema, or a value that does not match its schema.
 */
function flatBytesOf(schema: Schema | undefined, value: Value | undefined): Buffer | undefined {
  const kind = value?.kind;
  if (schema?.type === SchemaType.SCHEMA_TYPE_STRING && kind?.$case === "stringValue")
    return Buffer.from(kind.value, "utf8");
  if (schema?.type === SchemaType.SCHEMA_TYPE_BYTES && kind?.$case === "bytesValue")
    return Buffer.from(kind.value.buffer, kind.value.byteOffset, kind.value.byteLength);
  return undefined;
}

/**
 * A flat key or value of the packed form as a Data API value: text for a STRING schema, bytes otherwise.
 * Bytes that are not UTF-8 under a STRING schema read with U+FFFD in place of each bad sequence, as a
 * protobuf string field with them would.
 */
export function flatValueOf(schema: Schema | undefined, bytes: Buffer): Value {
  return schema?.type === SchemaType.SCHEMA_TYPE_STRING
    ? { kind: { $case: "stringValue", value: bytes.toString("utf8") } }
    : { kind: { $case: "bytesValue", value: bytes } };
}

/** A source or sink batch: its number, and its records in one of the two forms. */
export type RecordBatch = Pick<SourceBatch, "sequence" | "records" | "packed">;

/** How many records a batch holds, in either form. */
export function batchSize(batch: RecordBatch): number {
  return batch.packed.reduce((sum, run) => sum + run.values.length, batch.records.length);
}

/**
 * What makes a batch break the contract's rules for its two forms, or undefined when it keeps them: one
 * form only, and runs of flat values whose lists agree in length with their values.
 */
export function batchProblem(batch: RecordBatch): string | undefined {
  if (batch.records.length > 0 && batch.packed.length > 0)
    return `batch ${batch.sequence} sets both records and packed; a batch uses one form`;
  for (const [index, run] of batch.packed.entries()) {
    const where = `batch ${batch.sequence}, packed run ${index + 1}`;
    const count = run.values.length;
    if (count === 0) return `${where} has no values; a run holds at least one record`;
    if (!isFlatSchema(run.valueSchema))
      return `${where} has a value_schema that is not STRING or BYTES; only flat values are packed`;
    if (run.keys.length !== 0 && !isFlatSchema(run.keySchema))
      return `${where} has keys with a key_schema that is not STRING or BYTES; only flat keys are packed`;
    if (run.keys.length !== 0 && run.keys.length !== count)
      return `${where} has ${run.keys.length} keys for ${count} values; give one key per value, or none`;
    if (run.timestampDeltasMs.length !== 0 && run.timestampDeltasMs.length !== count)
      return `${where} has ${run.timestampDeltasMs.length} timestamp deltas for ${count} values; give one per value, or none`;
    if (run.timestampDeltasMs.length !== 0 && run.timestampBaseMs === undefined)
      return `${where} has timestamp deltas but no timestamp_base_ms`;
    if (run.kafkaOffsetDeltas.length !== 0 && run.kafkaOffsetDeltas.length !== count)
      return `${where} has ${run.kafkaOffsetDeltas.length} Kafka offset deltas for ${count} values; give one per value, or none`;
    if (run.kafkaOffsetDeltas.length !== 0 && run.kafkaBaseOffset === undefined)
      return `${where} has Kafka offset deltas but no kafka_base_offset`;
  }
  return undefined;
}

function isFlatSchema(schema: Schema | undefined): boolean {
  return schema?.type === SchemaType.SCHEMA_TYPE_STRING || schema?.type === SchemaType.SCHEMA_TYPE_BYTES;
}

/** A batch's records, each as the per-record form carries it. */
export function batchRecords(batch: RecordBatch): ConnectRecord[] {
  return batch.packed.length === 0 ? batch.records : batch.packed.flatMap(unpackRecords);
}

/** The records a run stands for, each as the per-record form would carry it (see PackedRecords). */
export function unpackRecords(run: PackedRecords): ConnectRecord[] {
  const last = run.values.length - 1;
  return run.values.map((value, index) => {
    const key = run.keys[index];
    return {
      key: key === undefined ? undefined : flatValueOf(run.keySchema, key),
      keySchema: run.keySchema,
      value: flatValueOf(run.valueSchema, value),
      valueSchema: run.valueSchema,
      headers: [],
      timestampMs: timestampOf(run, index),
      topic: run.topic,
      kafkaPartition: run.kafkaPartition,
      sourcePartition: run.sourcePartition,
      sourceOffset: index === last ? run.lastSourceOffset : undefined,
      kafkaPosition: kafkaPositionOf(run, index),
      trace: run.unsampled ? UNSAMPLED_TRACE : undefined,
    };
  });
}

/** Where a sink run's record `index` was read from in Kafka; undefined for a source run. */
function kafkaPositionOf(run: PackedRecords, index: number): KafkaPosition | undefined {
  const base = run.kafkaBaseOffset;
  if (base === undefined) return undefined;
  const delta = run.kafkaOffsetDeltas[index];
  return {
    topic: run.topic,
    partition: run.kafkaPartition ?? 0,
    offset: base + (delta ?? BigInt(index)),
  };
}

/**
 * A run's `timestamp_deltas_ms` for records with these timestamps from `base`: each one's difference, or
 * none when every record has the base itself.
 */
export function timestampDeltas(base: bigint, timestamps: readonly bigint[]): bigint[] {
  return timestamps.every((timestamp) => timestamp === base)
    ? []
    : timestamps.map((timestamp) => timestamp - base);
}

/** Record `index`'s timestamp: the base plus its delta, if there are deltas. */
export function timestampOf(run: PackedRecords, index: number): bigint | undefined {
  const base = run.timestampBaseMs;
  if (base === undefined) return undefined;
  const delta = run.timestampDeltasMs[index];
  return delta === undefined ? base : base + delta;
}

/**
 * Source records as runs of the packed form, or undefined when any record does not fit one (a null value,
 * headers, a structured key or value, a sampled trace, a Kafka position) or the runs would be too short to
 * pay: the per-record form is then the one to send. A record joins the run before it when it shares every
 * field but its key, value and timestamp, and so the runs say exactly what the records say, apart from the
 * source offsets of all but each run's last record, which the worker does not store anyway.
 */
export function packRecords(records: readonly ConnectRecord[]): PackedRecords[] | undefined {
  const runs: RunBuilder[] = [];
  let current: RunBuilder | undefined;
  for (const record of records) {
    if (current?.add(record) !== true) {
      current = RunBuilder.startingWith(record);
      if (current === undefined) return undefined;
      runs.push(current);
    }
  }
  // A run's shared fields cost about what a record's own do, so runs of one or two records save nothing.
  if (runs.length === 0 || runs.length * MIN_AVERAGE_RUN > records.length) return undefined;
  return runs.map((run) => run.build());
}

/** The average run length below which packing saves too little to be worth a second form on the wire. */
const MIN_AVERAGE_RUN = 4;

/** One run being packed: the fields its records share, taken from its first record, and what each adds. */
class RunBuilder {
  private readonly keys: Buffer[] = [];
  private readonly values: Buffer[] = [];
  /** Every record's timestamp; empty when none has one (a run's records have one or none alike). */
  private readonly timestamps: bigint[] = [];
  private lastSourceOffset: Value | undefined;
  /** The first record's schemas and partition, encoded, to compare other records' by content. */
  private readonly shared: SharedFields;

  private constructor(private readonly first: ConnectRecord) {
    this.shared = sharedFieldsOf(first);
  }

  /** A run that starts with `record`, or undefined when it cannot be packed at all. */
  static startingWith(record: ConnectRecord): RunBuilder | undefined {
    const run = new RunBuilder(record);
    return run.add(record) ? run : undefined;
  }

  /** Adds `record` when it belongs to this run: true if it was added. */
  add(record: ConnectRecord): boolean {
    const first = this.first;
    if (
      record.headers.length > 0 ||
      // Sink records are packed by the worker, straight from the Kafka messages they come from.
      record.kafkaPosition !== undefined ||
      record.topic !== first.topic ||
      record.kafkaPartition !== first.kafkaPartition ||
      (record.timestampMs === undefined) !== (first.timestampMs === undefined) ||
      !isPackableTrace(record.trace) ||
      record.trace?.unsampled !== first.trace?.unsampled ||
      (record.key === undefined) !== (first.key === undefined) ||
      !this.sharesFieldsWith(record)
    )
      return false;
    const value = flatBytesOf(record.valueSchema, record.value);
    if (value === undefined) return false;
    let key: Buffer | undefined;
    if (record.key !== undefined) {
      key = flatBytesOf(record.keySchema, record.key);
      if (key === undefined) return false;
      this.keys.push(key);
    }
    this.values.push(value);
    if (record.timestampMs !== undefined) this.timestamps.push(record.timestampMs);
    this.lastSourceOffset = record.sourceOffset;
    return true;
  }

  build(): PackedRecords {
    const first = this.first;
    const base = first.timestampMs;
    return {
      topic: first.topic,
      kafkaPartition: first.kafkaPartition,
      keySchema: first.keySchema,
      keys: this.keys,
      valueSchema: first.valueSchema,
      values: this.values,
      timestampBaseMs: base,
      timestampDeltasMs: base === undefined ? [] : timestampDeltas(base, this.timestamps),
      sourcePartition: first.sourcePartition,
      lastSourceOffset: this.lastSourceOffset,
      unsampled: first.trace?.unsampled === true,
      kafkaBaseOffset: undefined,
      kafkaOffsetDeltas: [],
    };
  }

  /** Same schemas and source partition: the same objects (the usual case), or equal in content. */
  private sharesFieldsWith(record: ConnectRecord): boolean {
    const first = this.first;
    return (
      (record.keySchema === first.keySchema ||
        sameBytes(encodedSchema(record.keySchema), this.shared.keySchema)) &&
      (record.valueSchema === first.valueSchema ||
        sameBytes(encodedSchema(record.valueSchema), this.shared.valueSchema)) &&
      (record.sourcePartition === first.sourcePartition ||
        sameBytes(encodedValue(record.sourcePartition), this.shared.sourcePartition))
    );
  }
}

/** A run carries no trace context of its own: its records have none, or all are unsampled. */
function isPackableTrace(trace: TraceContext | undefined): boolean {
  return trace === undefined || trace.unsampled;
}

interface SharedFields {
  readonly keySchema: Uint8Array | undefined;
  readonly valueSchema: Uint8Array | undefined;
  readonly sourcePartition: Uint8Array | undefined;
}

function sharedFieldsOf(record: ConnectRecord): SharedFields {
  return {
    keySchema: encodedSchema(record.keySchema),
    valueSchema: encodedSchema(record.valueSchema),
    sourcePartition: encodedValue(record.sourcePartition),
  };
}

function encodedSchema(schema: Schema | undefined): Uint8Array | undefined {
  return schema === undefined ? undefined : Schema.encode(schema).finish();
}

function encodedValue(value: Value | undefined): Uint8Array | undefined {
  return value === undefined ? undefined : Value.encode(value).finish();
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Buffer.compare(a, b) === 0;
}
