import { describe, expect, it } from "vitest";
import { record, s, v } from "../../test/records.js";
import { TransformChain } from "../transform-chain.js";

describe("RecordIsTombstone", () => {
  // Connect's documented way to keep tombstones away from a transform that cannot take them.
  const chain = TransformChain.fromConfig({
    transforms: "key",
    "transforms.key.type": "ValueToKey",
    "transforms.key.fields": "id",
    "transforms.key.predicate": "tombstone",
    "transforms.key.negate": "true",
    predicates: "tombstone",
    "predicates.tombstone.type": "RecordIsTombstone",
  });

  it("holds for a null value, with or without a schema, so the negated transform skips it", () => {
    for (const tombstone of [record(), record({ value: v.null() }), record({ valueSchema: s.struct([]) })]) {
      expect(chain.apply(tombstone)).toBe(tombstone);
    }
  });

  it("does not hold for a value, so the transform runs", () => {
    expect(chain.apply(record({ value: v.map({ id: v.int(1) }) }))?.key).toEqual(v.map({ id: v.int(1) }));
  });
});
