import { describe, expect, it } from "vitest";
import { javaBigDecimalTextOf, javaDoubleText, javaFloatText } from "./java-number-text.js";

describe("javaDoubleText", () => {
  // Each expected text is Java's Double.toString of the same double (JDK 19+).
  it.each([
    [1, "1.0"],
    [-1, "-1.0"],
    [0, "0.0"],
    [-0, "-0.0"],
    [12.34, "12.34"],
    [100, "100.0"],
    [0.001, "0.001"],
    [0.0001, "1.0E-4"],
    [1234567.5, "1234567.5"],
    [1e7, "1.0E7"],
    [12345678.9, "1.23456789E7"],
    [1e21, "1.0E21"],
    [1e23, "1.0E23"],
    [0.002, "0.002"],
    [-1.5e-300, "-1.5E-300"],
    [5e-324, "4.9E-324"],
    [Number.MAX_VALUE, "1.7976931348623157E308"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("prints %d as Java does: %s", (value, expected) => {
    expect(javaDoubleText(value)).toBe(expected);
  });
});

describe("javaDoubleText on many doubles", () => {
  // A fixed pseudo-random spread of bit patterns, so the test is the same on every run.
  const doubles = Array.from({ length: 2000 }, (_, i) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, (BigInt(i + 1) * 0x9e3779b97f4a7c15n) & 0x7fefffffffffffffn);
    return view.getFloat64(0);
  });

  it("prints text that reads back as the same double", () => {
    expect(doubles.filter((d) => Number(javaDoubleText(d)) !== d)).toEqual([]);
  });
});

describe("javaFloatText", () => {
  // Each expected text is Java's Float.toString of (float) the value.
  it.each([
    [0.1, "0.1"],
    [Math.fround(0.1), "0.1"],
    [12.34, "12.34"],
    [1, "1.0"],
    [16777216, "1.6777216E7"],
    [3.4028234663852886e38, "3.4028235E38"],
    [1.401298464324817e-45, "1.4E-45"],
    [Number.NaN, "NaN"],
  ])("prints %d narrowed to a float as Java does: %s", (value, expected) => {
    expect(javaFloatText(value)).toBe(expected);
  });
});

describe("javaBigDecimalTextOf", () => {
  // Each expected text is Java's BigDecimal.toString of the same unscaled value and scale.
  it.each([
    [156n, 2, "1.56"],
    [-150n, 2, "-1.50"],
    [0n, 2, "0.00"],
    [123n, 0, "123"],
    [1n, 6, "0.000001"],
    [1n, 7, "1E-7"],
    [12n, 8, "1.2E-7"],
    [-123n, 10, "-1.23E-8"],
    [0n, 7, "0E-7"],
    [15n, -399, "1.5E+400"],
    [1n, -2, "1E+2"],
    [-123n, -1, "-1.23E+3"],
    [9223372036854775808n, 0, "9223372036854775808"],
    [-5n, 3, "-0.005"],
  ])("prints %s at scale %i as BigDecimal does: %s", (unscaled, scale, expected) => {
    expect(javaBigDecimalTextOf(unscaled, scale)).toBe(expected);
  });
});
