import { describe, expect, it } from "vitest";
import { parsePartitionOffset, parseRecordPosition, traceIdOfTraceparent } from "./record-position.js";

describe("parseRecordPosition", () => {
  it("reads topic, partition and offset", () => {
    expect(parseRecordPosition("connect-test.v1:2:41")).toEqual({
      topic: "connect-test.v1",
      partition: 2,
      offset: "41",
    });
  });

  it.each(["orders", "orders:0", "orders:x:1", ":0:1", "orders:0:-1"])("refuses %s", (text) => {
    expect(() => parseRecordPosition(text)).toThrow(/<topic>:<partition>:<offset>/);
  });
});

describe("parsePartitionOffset", () => {
  it("places the position in the given topic", () => {
    expect(parsePartitionOffset("0:3", "orders-dlq")).toEqual({
      topic: "orders-dlq",
      partition: 0,
      offset: "3",
    });
  });
});

describe("traceIdOfTraceparent", () => {
  it.each([
    ["00-5d5a4f4ced67648a712a358203eaaf3f-b50b6eeb0c5421e1-01", true],
    ["00-5d5a4f4ced67648a712a358203eaaf3f-b50b6eeb0c5421e1-00", false],
  ])("reads the trace id and sampled flag of %s", (header, sampled) => {
    expect(traceIdOfTraceparent(header)).toEqual({ traceId: "5d5a4f4ced67648a712a358203eaaf3f", sampled });
  });

  it.each(["", "garbage", "00-00000000000000000000000000000000-b50b6eeb0c5421e1-01"])(
    "refuses %j",
    (header) => {
      expect(traceIdOfTraceparent(header)).toBeUndefined();
    },
  );
});
