/**
 * Micro-benchmark (not a test): how many schema'd records per CPU-second a five-transform chain handles
 * on one core. Run with `npm run bench:transforms`; set BENCH_RECORDS to change how many records are timed.
 *
 * The chain is a common sink-side one: InsertField (topic and timestamp), MaskField, Flatten,
 * ReplaceField (drop and rename) and InsertHeader. CPU time comes from process.cpuUsage(), so other load
 * on the machine does not inflate the figure the way wall time would.
 */
import { type Record, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { TransformChain } from "@connect-mesh/transforms";

const TIMED_RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const WARMUP_RECORDS = 20_000;
const DISTINCT_RECORDS = 1_000;

const chain = TransformChain.fromConfig({
  transforms: "insert,mask,flatten,replace,header",
  "transforms.insert.type": "org.apache.kafka.connect.transforms.InsertField$Value",
  "transforms.insert.topic.field": "source_topic",
  "transforms.insert.timestamp.field": "ingested_at",
  "transforms.mask.type": "org.apache.kafka.connect.transforms.MaskField$Value",
  "transforms.mask.fields": "ssn,salary",
  "transforms.flatten.type": "org.apache.kafka.connect.transforms.Flatten$Value",
  "transforms.flatten.delimiter": "_",
  "transforms.replace.type": "org.apache.kafka.connect.transforms.ReplaceField$Value",
  "transforms.replace.exclude": "internal_note",
  "transforms.replace.renames": "address_city:city,address_zip:zip",
  "transforms.header.type": "org.apache.kafka.connect.transforms.InsertHeader",
  "transforms.header.header": "pipeline",
  "transforms.header.value.literal": "bench",
});

const field = (name: string, type: SchemaType, optional = false, fields: Schema["fields"] = []) => ({
  name,
  index: 0,
  schema: Schema.fromPartial({ type, optional, fields }),
});
const withIndexes = (fields: ReturnType<typeof field>[]) => fields.map((f, index) => ({ ...f, index }));

const SCHEMA = Schema.fromPartial({
  type: SchemaType.SCHEMA_TYPE_STRUCT,
  name: "com.example.Customer",
  fields: withIndexes([
    field("id", SchemaType.SCHEMA_TYPE_INT64),
    field("name", SchemaType.SCHEMA_TYPE_STRING),
    field("ssn", SchemaType.SCHEMA_TYPE_STRING),
    field("salary", SchemaType.SCHEMA_TYPE_FLOAT64),
    field("active", SchemaType.SCHEMA_TYPE_BOOLEAN),
    field("internal_note", SchemaType.SCHEMA_TYPE_STRING, true),
    field(
      "address",
      SchemaType.SCHEMA_TYPE_STRUCT,
      false,
      withIndexes([
        field("street", SchemaType.SCHEMA_TYPE_STRING),
        field("city", SchemaType.SCHEMA_TYPE_STRING),
        field("zip", SchemaType.SCHEMA_TYPE_STRING),
      ]),
    ),
  ]),
});

const str = (value: string): Value => ({ kind: { $case: "stringValue", value } });
const struct = (fields: Array<[string, Value]>): Value => ({
  kind: { $case: "structValue", value: { fields: fields.map(([name, value]) => ({ name, value })) } },
});

function customer(i: number): Record {
  return {
    key: { kind: { $case: "intValue", value: BigInt(i) } },
    keySchema: Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_INT64 }),
    valueSchema: SCHEMA,
    value: struct([
      ["id", { kind: { $case: "intValue", value: BigInt(i) } }],
      ["name", str(`customer-${i}`)],
      ["ssn", str(`${100 + (i % 900)}-45-6789`)],
      ["salary", { kind: { $case: "floatValue", value: 50_000 + i } }],
      ["active", { kind: { $case: "boolValue", value: i % 2 === 0 } }],
      ["internal_note", str("vip")],
      [
        "address",
        struct([
          ["street", str(`${i} Main St`)],
          ["city", str("Oslo")],
          ["zip", str("0150")],
        ]),
      ],
    ]),
    headers: [],
    timestampMs: 1_700_000_000_000n + BigInt(i),
    topic: "customers",
    kafkaPartition: i % 6,
    sourcePartition: undefined,
    sourceOffset: undefined,
    kafkaPosition: undefined,
    trace: undefined,
  };
}

const records = Array.from({ length: DISTINCT_RECORDS }, (_, i) => customer(i));

/** Runs `count` records through the chain and returns how many came out, so the work cannot be skipped. */
function run(count: number): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i % DISTINCT_RECORDS];
    if (record !== undefined && chain.apply(record) !== null) kept++;
  }
  return kept;
}

run(WARMUP_RECORDS);
const cpuBefore = process.cpuUsage();
const wallBefore = process.hrtime.bigint();
const kept = run(TIMED_RECORDS);
const cpu = process.cpuUsage(cpuBefore);
const wallSeconds = Number(process.hrtime.bigint() - wallBefore) / 1e9;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const sample = chain.apply(customer(1));
const fieldCount = sample?.valueSchema?.fields.length ?? 0;
process.stdout.write(
  [
    `transform chain: ${chain.stages.map((s) => s.alias).join(" -> ")} (${fieldCount} fields out)`,
    `records: ${kept} of ${TIMED_RECORDS} timed after ${WARMUP_RECORDS} warm-up`,
    `cpu: ${cpuSeconds.toFixed(3)} s, wall: ${wallSeconds.toFixed(3)} s`,
    `throughput: ${Math.round(kept / cpuSeconds).toLocaleString("en-US")} records/s per core (records per CPU-second)`,
    "",
  ].join("\n"),
);
