import { describe, expect, it } from "vitest";
import { percentileOfSorted, spreadOf } from "./stats.js";

describe("spreadOf", () => {
  it.each([
    [[3, 1, 2], { median: 2, min: 1, max: 3 }],
    [[4, 1, 3, 2], { median: 2.5, min: 1, max: 4 }],
    [[5], { median: 5, min: 5, max: 5 }],
  ])("of %j is %j", (values, spread) => {
    expect(spreadOf(values)).toEqual(spread);
  });

  it("is undefined with no values", () => {
    expect(spreadOf([])).toBeUndefined();
  });
});

describe("percentileOfSorted", () => {
  const hundred = Float64Array.from({ length: 101 }, (_, i) => i);

  it.each([
    [50, 50],
    [99, 99],
    [0, 0],
    [100, 100],
  ])("the %ith of 0..100 is %i", (p, expected) => {
    expect(percentileOfSorted(hundred, p)).toBe(expected);
  });

  it("interpolates between ranks", () => {
    expect(percentileOfSorted([10, 20], 50)).toBe(15);
  });

  it("refuses no values", () => {
    expect(() => percentileOfSorted([], 50)).toThrow(RangeError);
  });
});
