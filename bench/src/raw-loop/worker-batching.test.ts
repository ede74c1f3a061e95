import { describe, expect, it } from "vitest";
import { envelopeBytes } from "../lines.js";
import { MAX_BYTES_PER_SEND, RECORDS_PER_SEND, splitUnderBytes } from "./worker-batching.js";

const length = (item: string) => item.length;

describe("splitUnderBytes", () => {
  it.each([
    { items: [], runs: [] },
    { items: ["aa", "b", "cc"], runs: [["aa", "b", "cc"]] },
    { items: ["aaa", "bbb", "cc"], runs: [["aaa"], ["bbb", "cc"]] },
    { items: ["aaaaaaa", "b"], runs: [["aaaaaaa"], ["b"]] },
    { items: ["a", "bbbbbbb", "c"], runs: [["a"], ["bbbbbbb"], ["c"]] },
  ])("splits $items under 5 bytes into $runs", ({ items, runs }) => {
    expect(splitUnderBytes(items, length, 5)).toEqual(runs);
  });

  it("keeps every item once, in order", () => {
    const items = Array.from({ length: 50 }, (_, i) => "x".repeat((i % 7) + 1));
    expect(splitUnderBytes(items, length, 10).flat()).toEqual(items);
  });

  it.each([
    [100, 1],
    [1024, 3],
  ])("sends a 2,000-record batch of %i-byte lines in %i request(s)", (lineBytes, requests) => {
    const batch = Array.from({ length: RECORDS_PER_SEND }, () => envelopeBytes(lineBytes));
    expect(splitUnderBytes(batch, (bytes) => bytes, MAX_BYTES_PER_SEND)).toHaveLength(requests);
  });
});
