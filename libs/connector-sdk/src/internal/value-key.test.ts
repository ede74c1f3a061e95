import { describe, expect, it } from "vitest";
import { toValue } from "../plain-value.js";
import { valueKey } from "./value-key.js";

describe("valueKey", () => {
  it("ignores the order of map entries, as Java's Map equality does", () => {
    expect(valueKey(toValue({ a: 1, b: "x" }))).toBe(valueKey(toValue({ b: "x", a: 1 })));
  });

  it.each([
    [{ position: 1 }, { position: "1" }],
    [{ position: 1 }, { position: 1.5 }],
    ["a,b", ["a", "b"]],
    [null, "null"],
  ])("tells %j from %j", (left, right) => {
    expect(valueKey(toValue(left))).not.toBe(valueKey(toValue(right)));
  });

  it("treats an unset value as null", () => {
    expect(valueKey(undefined)).toBe(valueKey(toValue(null)));
  });
});
