import { describe, expect, it } from "vitest";
import { record, smt, v } from "../../test/records.js";

describe("Filter", () => {
  it("drops every record it is applied to", () => {
    expect(smt("org.apache.kafka.connect.transforms.Filter")(record({ value: v.str("x") }))).toBeNull();
  });
});
