import { describe, expect, it } from "vitest";
import {
  bigDecimalToLong,
  doubleToInt,
  doubleToLong,
  parseBigDecimal,
  parseJavaDouble,
  parseJavaInteger,
} from "./java-numbers.js";

describe("Java's number conversions", () => {
  it.each([
    ["12.50", { unscaled: 1250n, scale: 2 }],
    ["-1e3", { unscaled: -1n, scale: -3 }],
    [".5", { unscaled: 5n, scale: 1 }],
    ["+7.", { unscaled: 7n, scale: 0 }],
  ])("parses %j as new BigDecimal does", (text, expected) => {
    expect(parseBigDecimal(text)).toEqual(expected);
  });

  it.each(["", ".", "1,5", " 1", "0x10", "abc"])("refuses %j as a BigDecimal", (text) => {
    expect(parseBigDecimal(text)).toBeUndefined();
  });

  it("truncates BigDecimal.longValue toward zero and wraps it to 64 bits", () => {
    expect(bigDecimalToLong({ unscaled: -199n, scale: 2 })).toBe(-1n);
    expect(bigDecimalToLong({ unscaled: 1n, scale: -19 })).toBe(BigInt.asIntN(64, 10n ** 19n));
  });

  it("narrows doubles as Java's casts do", () => {
    expect([doubleToInt(Number.NaN), doubleToInt(1e12), doubleToInt(-2.9)]).toEqual([0n, 2147483647n, -2n]);
    expect([doubleToLong(1e30), doubleToLong(-1e30)]).toEqual([2n ** 63n - 1n, -(2n ** 63n)]);
  });

  it("parses integers strictly within their width", () => {
    expect([
      parseJavaInteger("127", 8),
      parseJavaInteger("128", 8),
      parseJavaInteger("+5", 32),
      parseJavaInteger("5 ", 32),
    ]).toEqual([127n, undefined, 5n, undefined]);
  });

  it("parses doubles as Double.parseDouble does, trimming and taking a type suffix", () => {
    expect([
      parseJavaDouble(" 1.5f "),
      parseJavaDouble("-Infinity"),
      parseJavaDouble("1e3d"),
      parseJavaDouble("1,5"),
    ]).toEqual([1.5, Number.NEGATIVE_INFINITY, 1000, undefined]);
    expect(parseJavaDouble("NaN")).toBeNaN();
  });
});
