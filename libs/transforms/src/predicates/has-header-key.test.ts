import { describe, expect, it } from "vitest";
import { record, v } from "../../test/records.js";
import { TransformChain } from "../transform-chain.js";

describe("HasHeaderKey", () => {
  const chain = TransformChain.fromConfig({
    transforms: "drop",
    "transforms.drop.type": "Filter",
    "transforms.drop.predicate": "hasTrace",
    predicates: "hasTrace",
    "predicates.hasTrace.type": "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
    "predicates.hasTrace.name": "trace",
  });

  it("holds when any header has the name, whatever its value", () => {
    const headers = [
      { key: "a", value: v.str("1"), schema: undefined },
      { key: "trace", value: undefined, schema: undefined },
    ];
    expect(chain.apply(record({ headers }))).toBeNull();
    expect(chain.apply(record({ headers: headers.slice(0, 1) }))).not.toBeNull();
  });
});
