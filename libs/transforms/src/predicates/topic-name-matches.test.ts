import { describe, expect, it } from "vitest";
import { record, v } from "../../test/records.js";
import { TransformChain, validateTransformConfig } from "../transform-chain.js";

/** A chain that drops records for which the predicate (built from `keys`) holds. */
function dropWhen(type: string, keys: { [key: string]: string } = {}) {
  const chain = TransformChain.fromConfig({
    transforms: "drop",
    "transforms.drop.type": "Filter",
    "transforms.drop.predicate": "p",
    predicates: "p",
    "predicates.p.type": type,
    ...Object.fromEntries(Object.entries(keys).map(([k, value]) => [`predicates.p.${k}`, value])),
  });
  return (r: ReturnType<typeof record>) => chain.apply(r) === null;
}

describe("TopicNameMatches", () => {
  it("holds when the whole topic matches the pattern", () => {
    const matches = dropWhen("org.apache.kafka.connect.transforms.predicates.TopicNameMatches", {
      pattern: "orders-.*",
    });
    expect(matches(record({ topic: "orders-eu", value: v.str("x") }))).toBe(true);
    expect(matches(record({ topic: "old-orders-eu" }))).toBe(false);
  });

  it("needs a non-empty, valid pattern", () => {
    const base = { predicates: "p", "predicates.p.type": "TopicNameMatches" };
    expect(validateTransformConfig({ ...base, "predicates.p.pattern": "" })).toEqual([
      {
        key: "predicates.p.pattern",
        message: "Invalid value  for configuration predicates.p.pattern: String must be non-empty",
      },
    ]);
    expect(validateTransformConfig({ ...base, "predicates.p.pattern": "(" })[0]?.message).toMatch(
      /^Invalid value \( for configuration predicates\.p\.pattern: Invalid regex: /,
    );
  });
});
