import { describe, expect, it } from "vitest";
import { fromOffset, type RowPosition, toOffset } from "./row-position.js";

describe("toOffset and fromOffset", () => {
  it.each<[string, RowPosition, Record<string, bigint>]>([
    ["a bulk read has no position", {}, {}],
    ["incrementing", { incrementing: 42n }, { incrementing: 42n }],
    [
      "a timestamp keeps its microseconds, in Confluent's two keys",
      { timestampMicros: 1_709_294_400_123_456n },
      { timestamp: 1_709_294_400_123n, timestamp_nanos: 123_456_000n },
    ],
    ["a timestamp before 1970", { timestampMicros: -1n }, { timestamp: -1n, timestamp_nanos: 999_999_000n }],
    [
      "both",
      { timestampMicros: 2_000_000n, incrementing: 3n },
      { incrementing: 3n, timestamp: 2000n, timestamp_nanos: 0n },
    ],
  ])("%s", (_, position, offset) => {
    expect(toOffset(position)).toEqual(offset);
    expect(fromOffset(offset)).toEqual(position);
  });

  it("reads an offset without timestamp_nanos as whole milliseconds", () => {
    expect(fromOffset({ timestamp: 1500n })).toEqual({ timestampMicros: 1_500_000n });
  });

  it("starts from the beginning without an offset", () => {
    expect(fromOffset(undefined)).toEqual({});
  });

  it.each([
    ["a word for a number", { incrementing: "x" }],
    ["text", "text"],
    ["a list", [1n]],
  ])("refuses %s, saying how to reset", (_, offset) => {
    expect(() => fromOffset(offset)).toThrow(/DELETE \/connectors\/<name>\/offsets/);
  });
});
