import { ErrorHeaders, ReplayHeaders } from "@connect-mesh/error-handling";
import { describe, expect, it } from "vitest";
import type { KafkaRecord } from "./kafka-record-reader.js";
import { replayMessageOf } from "./replay-message.js";

/** A dead-letter record whose headers are given as text, raw and read alike. */
const parked = (headers: Record<string, string>): KafkaRecord => ({
  topic: "dlq-orders",
  partition: 0,
  offset: "5",
  key: Buffer.from("k"),
  value: Buffer.from('{"id":1}'),
  headers: new Map(Object.entries(headers)),
  rawHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)])),
  timestamp: "1709300700000",
});

const text = (headers: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));

describe("replayMessageOf", () => {
  it("keeps key, value, timestamp and the record's own headers, drops the error headers, and adds the replay's", () => {
    const message = replayMessageOf(
      parked({
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        [ErrorHeaders.topic]: "orders",
        [ErrorHeaders.partition]: "2",
        [ErrorHeaders.offset]: "17",
        [ErrorHeaders.stage]: "TASK_PUT",
        [ErrorHeaders.exceptionMessage]: "rejected",
      }),
      "replay-1",
    );
    expect(message.key?.toString()).toBe("k");
    expect(message.value?.toString()).toBe('{"id":1}');
    expect(message.timestamp).toBe("1709300700000");
    expect(text(message.headers)).toEqual({
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      [ReplayHeaders.id]: "replay-1",
      [ReplayHeaders.topic]: "orders",
      [ReplayHeaders.partition]: "2",
      [ReplayHeaders.offset]: "17",
    });
  });

  it("keeps the first position of a record replayed before, and gives it the new replay id", () => {
    const message = replayMessageOf(
      parked({
        [ReplayHeaders.id]: "replay-1",
        [ReplayHeaders.topic]: "orders",
        [ReplayHeaders.partition]: "2",
        [ReplayHeaders.offset]: "17",
        [ErrorHeaders.topic]: "orders",
        [ErrorHeaders.partition]: "0",
        [ErrorHeaders.offset]: "3",
      }),
      "replay-2",
    );
    expect(text(message.headers)).toEqual({
      [ReplayHeaders.id]: "replay-2",
      [ReplayHeaders.topic]: "orders",
      [ReplayHeaders.partition]: "2",
      [ReplayHeaders.offset]: "17",
    });
  });

  it("gives no position when the record has no context headers", () => {
    expect(text(replayMessageOf(parked({ source: "web" }), "r").headers)).toEqual({
      source: "web",
      [ReplayHeaders.id]: "r",
    });
  });
});
