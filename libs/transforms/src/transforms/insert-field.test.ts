import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const VALUE = "org.apache.kafka.connect.transforms.InsertField$Value";
const ALL = {
  "topic.field": "topic_name!",
  "partition.field": "partition",
  "offset.field": "offset?",
  "timestamp.field": "ts",
  "static.field": "instance",
  "static.value": "my-instance",
};
const sinkRecord = (overrides: Parameters<typeof record>[0]) =>
  record({
    topic: "orders",
    kafkaPartition: 3,
    timestampMs: 1_700_000_000_000n,
    kafkaPosition: { topic: "orders", partition: 3, offset: 1234n },
    ...overrides,
  });

describe("InsertField with a schema", () => {
  it("appends the metadata fields with Connect's schemas ('!' required, otherwise optional)", () => {
    const schema = s.struct([["id", s.int32()]], { name: "com.example.Order", optional: true });
    const out = smt(VALUE, ALL)(sinkRecord({ valueSchema: schema, value: v.struct({ id: v.int(1) }) }));
    expect(out?.valueSchema).toEqual(
      s.struct(
        [
          ["id", s.int32()],
          ["topic_name", s.string()],
          ["partition", s.int32({ optional: true })],
          ["offset", s.int64({ optional: true })],
          ["ts", s.timestamp({ optional: true })],
          ["instance", s.string({ optional: true })],
        ],
        { name: "com.example.Order" },
      ),
    );
    expect(out?.value).toEqual(
      v.struct({
        id: v.int(1),
        topic_name: v.str("orders"),
        partition: v.int(3),
        offset: v.int(1234),
        ts: v.int(1_700_000_000_000n),
        instance: v.str("my-instance"),
      }),
    );
  });

  it("leaves the partition and timestamp null when the record has none", () => {
    const schema = s.struct([["id", s.int32()]]);
    const out = smt(VALUE, { "partition.field": "p", "timestamp.field": "ts" })(
      record({ valueSchema: schema, value: v.struct({ id: v.int(1) }) }),
    );
    expect(out?.value).toEqual(v.struct({ id: v.int(1), p: v.null(), ts: v.null() }));
  });

  it("passes a tombstone through", () => {
    const r = sinkRecord({ valueSchema: s.struct([["id", s.int32()]]) });
    expect(smt(VALUE, ALL)(r)).toBe(r);
  });

  it("needs a record read from Kafka for the offset", () => {
    const r = record({ valueSchema: s.struct([]), value: v.struct({}) });
    expect(causeOf(() => smt(VALUE, { "offset.field": "o" })(r))).toEqual(
      new DataError(
        "Only SinkRecord supported for [field insertion], found: a source record (it has no Kafka offset)",
      ),
    );
  });
});

describe("InsertField field names", () => {
  it("refuses to add a field the struct already has, or the same field twice, as Connect's SchemaBuilder does", () => {
    const r = sinkRecord({
      valueSchema: s.struct([["topic", s.string()]]),
      value: v.struct({ topic: v.str("x") }),
    });
    expect(causeOf(() => smt(VALUE, { "topic.field": "topic" })(r))).toEqual(
      new DataError("Cannot create field because of field name duplication topic"),
    );
    expect(causeOf(() => smt(VALUE, { "partition.field": "meta", "offset.field": "meta" })(r))).toEqual(
      new DataError("Cannot create field because of field name duplication meta"),
    );
  });
});

describe("InsertField without a schema", () => {
  it("adds entries to the map, the timestamp as a long", () => {
    const out = smt("InsertField$Key", ALL)(sinkRecord({ key: v.map({ id: v.int(1) }) }));
    expect(out?.key).toEqual(
      v.map({
        id: v.int(1),
        topic_name: v.str("orders"),
        partition: v.int(3),
        offset: v.int(1234),
        ts: v.int(1_700_000_000_000n),
        instance: v.str("my-instance"),
      }),
    );
  });
});

describe("InsertField config", () => {
  it("needs at least one field, and a value for the static field", () => {
    const base = { transforms: "t", "transforms.t.type": VALUE };
    expect(validateTransformConfig(base)).toEqual([
      { key: "transforms.t.type", message: "No field insertion configured" },
    ]);
    expect(validateTransformConfig({ ...base, "transforms.t.static.field": "f" })).toEqual([
      {
        key: "transforms.t.static.value",
        message:
          "Invalid value null for configuration transforms.t.static.value: No value specified for static field: f",
      },
    ]);
  });
});
