import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, smt } from "../../test/records.js";

describe("TimestampRouter", () => {
  const r = record({ topic: "orders", timestampMs: 1_700_000_000_000n });

  it("appends the record's day by default", () => {
    expect(smt("org.apache.kafka.connect.transforms.TimestampRouter")(r)).toEqual({
      ...r,
      topic: "orders-20231114",
    });
  });

  it("follows topic.format and timestamp.format", () => {
    const out = smt("TimestampRouter", {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Connect's placeholders, not a template
      "topic.format": "${timestamp}_${topic}",
      "timestamp.format": "yyyy.MM",
    })(r);
    expect(out?.topic).toBe("2023.11_orders");
  });

  it("fails on a record without a timestamp", () => {
    expect(causeOf(() => smt("TimestampRouter")(record({ topic: "orders" })))).toEqual(
      new DataError("Timestamp missing on record: topic=orders, partition=none"),
    );
  });
});
