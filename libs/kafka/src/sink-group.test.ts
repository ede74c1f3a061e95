import { describe, expect, it } from "vitest";
import { sinkGroupIdOf } from "./sink-group.js";

describe("sinkGroupIdOf", () => {
  it("names the group connect-<connector>, as Kafka Connect does", () => {
    expect(sinkGroupIdOf("orders-sink")).toBe("connect-orders-sink");
  });
});
