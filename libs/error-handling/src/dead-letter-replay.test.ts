import { describe, expect, it } from "vitest";
import { ReplayHeaders, replayedPositionOf, replayTopicOf } from "./dead-letter-replay.js";

describe("replayTopicOf", () => {
  it("appends .replay to the dead-letter topic", () => {
    expect(replayTopicOf("dlq-orders")).toBe("dlq-orders.replay");
  });
});

describe("replayedPositionOf", () => {
  const reading = (headers: Record<string, string>) => (name: string) => headers[name];

  it("reads the first position from the replay headers", () => {
    const headers = {
      [ReplayHeaders.topic]: "orders",
      [ReplayHeaders.partition]: "2",
      [ReplayHeaders.offset]: "17",
    };
    expect(replayedPositionOf(reading(headers))).toEqual({ topic: "orders", partition: 2, offset: "17" });
  });

  it.each([
    ["no headers", {}],
    ["no topic", { [ReplayHeaders.partition]: "0", [ReplayHeaders.offset]: "1" }],
    [
      "a partition that is no number",
      { [ReplayHeaders.topic]: "t", [ReplayHeaders.partition]: "x", [ReplayHeaders.offset]: "1" },
    ],
    [
      "a negative offset",
      { [ReplayHeaders.topic]: "t", [ReplayHeaders.partition]: "0", [ReplayHeaders.offset]: "-1" },
    ],
  ])("is undefined with %s", (_, headers: Record<string, string>) => {
    expect(replayedPositionOf(reading(headers))).toBeUndefined();
  });
});
