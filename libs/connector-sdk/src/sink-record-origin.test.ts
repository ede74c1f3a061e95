import { Record as ConnectRecord } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { sinkRecordOrigin } from "./sink-record-origin.js";

describe("sinkRecordOrigin", () => {
  it("names the topic, partition and offset a sink record was read from", () => {
    const record = ConnectRecord.fromPartial({
      topic: "orders",
      kafkaPosition: { topic: "orders", partition: 2, offset: 9_007_199_254_740_993n },
    });
    expect(sinkRecordOrigin(record)).toBe('topic "orders" partition 2 offset 9007199254740993');
  });

  it("names only the topic of a record without a Kafka position", () => {
    expect(sinkRecordOrigin(ConnectRecord.fromPartial({ topic: "orders" }))).toBe('topic "orders"');
  });
});
