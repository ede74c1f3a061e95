import {
  type Record as ConnectRecord,
  type PackedRecords,
  Schema,
  SchemaType,
  SourceBatch,
  type Value,
} from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import {
  batchProblem,
  batchRecords,
  batchSize,
  flatValueOf,
  packRecords,
  unpackRecords,
} from "./packed-records.js";

const STRING = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING });
const BYTES = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_BYTES, optional: true });

function text(value: string): Value {
  return { kind: { $case: "stringValue", value } };
}

function fileMap(name: string): Value {
  return {
    kind: {
      $case: "mapValue",
      value: { entries: [{ key: text("filename"), value: text(name) }] },
    },
  };
}

function line(index: number, overrides: Partial<ConnectRecord> = {}): ConnectRecord {
  return {
    key: undefined,
    keySchema: undefined,
    value: text(`line ${index} é ✓`),
    valueSchema: STRING,
    headers: [],
    timestampMs: 1_700_000_000_000n,
    topic: "lines",
    kafkaPartition: undefined,
    sourcePartition: fileMap("a.txt"),
    sourceOffset: { kind: { $case: "intValue", value: BigInt(index * 10) } },
    kafkaPosition: undefined,
    trace: undefined,
    ...overrides,
  };
}

function lines(count: number, overrides: (index: number) => Partial<ConnectRecord> = () => ({})) {
  return Array.from({ length: count }, (_, index) => line(index, overrides(index)));
}

/** What the worker sees of a record: its offset only on a run's last record. */
function withoutInnerOffsets(records: ConnectRecord[], lastIndexes: number[]): ConnectRecord[] {
  return records.map((record, index) =>
    lastIndexes.includes(index) ? record : { ...record, sourceOffset: undefined },
  );
}

/** The runs through the wire and back, as the worker reads them. */
function overTheWire(records: readonly ConnectRecord[]): SourceBatch {
  const packed = packRecords(records);
  if (packed === undefined) throw new Error("expected the records to pack");
  return SourceBatch.decode(SourceBatch.encode({ sequence: 1n, records: [], packed }).finish());
}

describe("packRecords and unpackRecords", () => {
  it("packs lines of one file into one run that reads back as the same records, the last with its offset", () => {
    const records = lines(6);
    const batch = overTheWire(records);
    expect(batch.packed).toHaveLength(1);
    expect(batch.packed[0]?.timestampDeltasMs).toEqual([]);
    expect(batchSize(batch)).toBe(6);
    expect(batchRecords(batch)).toEqual(withoutInnerOffsets(records, [5]));
  });

  it("keeps flat keys, bytes values, a Kafka partition, per-record timestamps and the unsampled marker", () => {
    const records = lines(5, (index) => ({
      key: text(`k${index}`),
      keySchema: STRING,
      value: { kind: { $case: "bytesValue", value: Buffer.from([index, 0, 255]) } },
      valueSchema: BYTES,
      timestampMs: 1_700_000_000_000n + BigInt(index * 3 - 4),
      kafkaPartition: 2,
      trace: { traceparent: "", tracestate: "", unsampled: true },
    }));
    const batch = overTheWire(records);
    expect(batch.packed[0]?.timestampDeltasMs).toEqual([0n, 3n, 6n, 9n, 12n]);
    expect(batchRecords(batch)).toEqual(withoutInnerOffsets(records, [4]));
  });

  it("starts a new run where the source partition or the topic changes", () => {
    const records = [
      ...lines(4),
      ...lines(4, () => ({ sourcePartition: fileMap("b.txt") })),
      ...lines(4, () => ({ sourcePartition: fileMap("b.txt"), topic: "other" })),
    ];
    const batch = overTheWire(records);
    expect(batch.packed.map((run) => [run.topic, run.values.length])).toEqual([
      ["lines", 4],
      ["lines", 4],
      ["other", 4],
    ]);
    expect(batchRecords(batch)).toEqual(withoutInnerOffsets(records, [3, 7, 11]));
  });

  it("joins records whose schema and partition are equal but not the same objects", () => {
    const records = lines(4, (index) => ({
      valueSchema: { ...STRING },
      sourcePartition: fileMap("a.txt"),
      sourceOffset: { kind: { $case: "intValue", value: BigInt(index) } },
    }));
    expect(packRecords(records)).toHaveLength(1);
  });

  it.each<[string, Partial<ConnectRecord>]>([
    ["a null value", { value: undefined }],
    ["an explicit null key", { key: { kind: { $case: "nullValue", value: 0 } } }],
    ["a header", { headers: [{ key: "h", value: text("v"), schema: STRING }] }],
    ["a struct value schema", { valueSchema: { ...STRING, type: SchemaType.SCHEMA_TYPE_STRUCT } }],
    ["a value that does not match its schema", { value: { kind: { $case: "intValue", value: 1n } } }],
    [
      "a sampled trace",
      {
        trace: { traceparent: `00-${"1".repeat(32)}-${"2".repeat(16)}-01`, tracestate: "", unsampled: false },
      },
    ],
  ])("leaves a batch in the per-record form when one record has %s", (_, overrides) => {
    const records = lines(8, (index) => (index === 5 ? overrides : {}));
    expect(packRecords(records)).toBeUndefined();
  });

  it("leaves a batch in the per-record form when its runs are too short to pay", () => {
    const alternating = lines(8, (index) => ({ sourcePartition: fileMap(index % 2 === 0 ? "a" : "b") }));
    expect(packRecords(alternating)).toBeUndefined();
    expect(packRecords([])).toBeUndefined();
  });

  it("reads bytes that are not UTF-8 under a STRING schema with replacement characters", () => {
    expect(flatValueOf(STRING, Buffer.from([0x61, 0xff]))).toEqual(text("a\uFFFD"));
  });
});

describe("batchProblem", () => {
  const run = () => packRecords(lines(4))?.[0] ?? expect.unreachable();

  it("accepts either form alone", () => {
    expect(batchProblem({ sequence: 1n, records: lines(1), packed: [] })).toBeUndefined();
    expect(batchProblem({ sequence: 1n, records: [], packed: [run()] })).toBeUndefined();
  });

  it.each<[string, (run: PackedRecords) => SourceBatch, string]>([
    ["both forms", (run) => batchOf([run], lines(1)), "sets both records and packed"],
    ["a run with no values", (run) => batchOf([{ ...run, values: [] }]), "has no values"],
    [
      "keys that do not match the values",
      (run) => batchOf([{ ...run, keySchema: STRING, keys: [Buffer.from("a"), Buffer.from("b")] }]),
      "2 keys for 4 values",
    ],
    [
      "deltas that do not match the values",
      (run) => batchOf([{ ...run, timestampDeltasMs: [1n] }]),
      "1 timestamp deltas for 4 values",
    ],
    [
      "a value schema that is not flat",
      (run) => batchOf([{ ...run, valueSchema: undefined }]),
      "not STRING or BYTES",
    ],
  ])("names %s", (_, broken, message) => {
    expect(batchProblem(broken(run()))).toContain(message);
  });
});

function batchOf(packed: PackedRecords[], records: ConnectRecord[] = []): SourceBatch {
  return { sequence: 3n, records, packed };
}

describe("unpackRecords", () => {
  it("gives every record the run's timestamp when there are no deltas, and none without a base", () => {
    const [run] = packRecords(lines(4)) ?? [];
    if (run === undefined) expect.unreachable();
    expect(unpackRecords(run).map((record) => record.timestampMs)).toEqual(Array(4).fill(1_700_000_000_000n));
    expect(unpackRecords({ ...run, timestampBaseMs: undefined }).map((record) => record.timestampMs)).toEqual(
      Array(4).fill(undefined),
    );
  });
});
