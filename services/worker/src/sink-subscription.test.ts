import { ReplayHeaders } from "@connect-mesh/error-handling";
import type { IncomingMessage, MessageHeaders } from "@connect-mesh/kafka";
import { describe, expect, it } from "vitest";
import { consumedMessageOf } from "./sink-subscription.js";

const subscription = { topics: ["orders", "dlq-orders.replay"], replayTopic: "dlq-orders.replay" };
const message = (headers: MessageHeaders): IncomingMessage => ({
  key: null,
  value: Buffer.from("v"),
  timestamp: "0",
  offset: "4",
  headers,
});

describe("consumedMessageOf", () => {
  const replayed = message({
    [ReplayHeaders.id]: Buffer.from("r1"),
    [ReplayHeaders.topic]: Buffer.from("orders"),
    [ReplayHeaders.partition]: Buffer.from("2"),
    [ReplayHeaders.offset]: Buffer.from("17"),
  });

  it("reads a replayed record at the position of its first read", () => {
    const consumed = consumedMessageOf(subscription, "dlq-orders.replay", 0, replayed);
    expect(consumed).toMatchObject({ topic: "orders", partition: 2, message: { offset: "17" } });
    expect(consumed.message.headers).toBe(replayed.headers);
  });

  it("leaves a record of the connector's own topics as read", () => {
    expect(consumedMessageOf(subscription, "orders", 1, replayed)).toEqual({
      topic: "orders",
      partition: 1,
      message: replayed,
    });
  });

  it("leaves a record of the replay topic without replay headers where it was read", () => {
    const bare = message({});
    expect(consumedMessageOf(subscription, "dlq-orders.replay", 0, bare)).toEqual({
      topic: "dlq-orders.replay",
      partition: 0,
      message: bare,
    });
  });
});
