import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { plainDecimalText } from "./decimal-text.js";

describe("plainDecimalText", () => {
  it.each([
    ["1.56", 2, "1.56"],
    ["-1.56", 2, "-1.56"],
    ["2", 2, "2"],
    ["1.5E-3", 4, "0.0015"],
    ["12e2", 0, "1200"],
    ["1.2e+1", 0, "12"],
    ["-0.50", 1, "-0.5"],
    ["1.5000", 2, "1.50"],
    ["007.1", 1, "7.1"],
    ["1.234", 2, "1.234"],
  ])("turns the JSON number %s at scale %i into %s", (json, scale, expected) => {
    expect(plainDecimalText(json, scale)).toBe(expected);
  });

  it("refuses an exponent too large to expand", () => {
    expect(() => plainDecimalText("1e100000", 2)).toThrow(DataError);
  });
});
