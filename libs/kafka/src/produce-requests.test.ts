import { describe, expect, it } from "vitest";
import type { OutgoingMessage } from "./kafka-message.js";
import { splitIntoRequests } from "./produce-requests.js";

const message = (value: string): OutgoingMessage => ({ key: null, value });
const values = (requests: ReturnType<typeof splitIntoRequests>) =>
  requests.map((request) => request.map(({ topic, messages }) => [topic, messages.map((m) => m.value)]));

describe("splitIntoRequests", () => {
  it("keeps a small batch in one request, topic by topic", () => {
    const byTopic = new Map([
      ["a", [message("1"), message("2")]],
      ["b", [message("3")]],
    ]);
    expect(values(splitIntoRequests(byTopic))).toEqual([
      [
        ["a", ["1", "2"]],
        ["b", ["3"]],
      ],
    ]);
  });

  it("starts a new request before the byte limit would be passed, keeping each topic's order", () => {
    const byTopic = new Map([["a", [message("xxxx"), message("yyyy"), message("zzzz")]]]);
    expect(values(splitIntoRequests(byTopic, { maxBytes: 8, maxRecords: 100 }))).toEqual([
      [["a", ["xxxx", "yyyy"]]],
      [["a", ["zzzz"]]],
    ]);
  });

  it("starts a new request at the record limit, and counts headers' bytes", () => {
    const withHeader: OutgoingMessage = { key: "k", value: "v", headers: { traceparent: "0".repeat(55) } };
    const byTopic = new Map([["a", [message("1"), message("2"), message("3")]]]);
    expect(values(splitIntoRequests(byTopic, { maxBytes: 1_000, maxRecords: 2 }))).toEqual([
      [["a", ["1", "2"]]],
      [["a", ["3"]]],
    ]);
    expect(
      splitIntoRequests(new Map([["a", [withHeader, withHeader]]]), { maxBytes: 100, maxRecords: 10 }),
    ).toHaveLength(2);
  });

  it("counts every value of a repeated header", () => {
    // 1 + 1 bytes of key and value, 1 of header key, 2 x 20 of its values: 43 each, so two need 86.
    const repeated: OutgoingMessage = {
      key: "k",
      value: "v",
      headers: { h: ["a".repeat(20), Buffer.alloc(20)] },
    };
    const byTopic = new Map([["a", [repeated, repeated]]]);
    expect(splitIntoRequests(byTopic, { maxBytes: 86, maxRecords: 10 })).toHaveLength(1);
    expect(splitIntoRequests(byTopic, { maxBytes: 85, maxRecords: 10 })).toHaveLength(2);
  });

  it("sends a message over the byte limit alone, for the broker to judge", () => {
    const byTopic = new Map([["a", [message("small"), message("x".repeat(50)), message("small")]]]);
    expect(splitIntoRequests(byTopic, { maxBytes: 10, maxRecords: 10 })).toHaveLength(3);
  });

  it("makes no request for no messages", () => {
    expect(splitIntoRequests(new Map())).toEqual([]);
  });
});
