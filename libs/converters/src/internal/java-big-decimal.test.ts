import { describe, expect, it } from "vitest";
import { doubleValueOf, exactLong, floatValueOf, parseJavaBigDecimal } from "./java-big-decimal.js";

describe("parseJavaBigDecimal", () => {
  // Each row is Java's new BigDecimal(text): its unscaled value and scale, or a NumberFormatException.
  it.each<[string, { unscaled: bigint; scale: number } | undefined]>([
    ["123", { unscaled: 123n, scale: 0 }],
    ["-1.50", { unscaled: -150n, scale: 2 }],
    ["+.5", { unscaled: 5n, scale: 1 }],
    ["1.", { unscaled: 1n, scale: 0 }],
    ["1.5E-3", { unscaled: 15n, scale: 4 }],
    ["2e+3", { unscaled: 2n, scale: -3 }],
    ["٤٢", { unscaled: 42n, scale: 0 }],
    ["1e2147483647", { unscaled: 1n, scale: -2_147_483_647 }],
    ["1e2147483649", undefined],
    [".", undefined],
    ["-", undefined],
    ["1e", undefined],
    ["1.2.3", undefined],
    ["1_000", undefined],
    ["0x1", undefined],
    ["NaN", undefined],
  ])("reads %s", (text, expected) => {
    expect(parseJavaBigDecimal(text)).toEqual(expected);
  });
});

describe("exactLong", () => {
  it.each<[string, bigint | undefined]>([
    ["1.000", 1n],
    ["5e2", 500n],
    ["-9223372036854775808", -9_223_372_036_854_775_808n],
    ["9223372036854775808", undefined],
    ["1e19", undefined],
    ["1e999999999", undefined],
    ["0e999999999", 0n],
    ["0.5", undefined],
    ["1e-999999999", undefined],
  ])("takes %s as the integer %s", (text, expected) => {
    const decimal = parseJavaBigDecimal(text);
    expect(decimal && exactLong(decimal)).toBe(expected);
  });
});

describe("floatValueOf", () => {
  const float = (text: string) => {
    const decimal = parseJavaBigDecimal(text);
    if (decimal === undefined) throw new Error(`${text} is not a decimal`);
    return floatValueOf(decimal);
  };

  it("rounds to the nearest float", () => {
    expect(float("0.1")).toBe(Math.fround(0.1));
    expect(float("-3.4028235E38")).toBe(-Math.fround(3.4028235e38));
    expect(float("1e-50")).toBe(0);
  });

  // 1 + 2^-24 lies halfway between the floats 1 and 1 + 2^-23, and is a double: a decimal just past it
  // rounds to that double, which then ties to 1. Java's Float.parseFloat rounds the decimal itself.
  it.each([
    ["just above a halfway point, up", "1.0000000596046447753906250000001", 1 + 2 ** -23],
    ["just below it, down", "1.0000000596046447753906249999999", 1],
    ["exactly on it, to even", "1.000000059604644775390625", 1],
    ["just above it when negative, away from zero", "-1.0000000596046447753906250000001", -(1 + 2 ** -23)],
  ])("rounds a decimal %s, as Java does", (_what, text, expected) => {
    expect(float(text)).toBe(expected);
  });

  it("keeps a decimal just short of the overflow point finite, where rounding through a double overflows", () => {
    expect(float("340282356779733661637539395458142568447.5")).toBe(Math.fround(3.4028234663852886e38));
    expect(float("340282356779733661637539395458142568448")).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("doubleValueOf", () => {
  it("rounds to the nearest double", () => {
    const decimal = parseJavaBigDecimal("1.7976931348623157E308");
    expect(decimal && doubleValueOf(decimal)).toBe(Number.MAX_VALUE);
  });
});
