import { describe, expect, it } from "vitest";
import { allowedValue, checkValidator, type ParsedConfigValue, validators } from "./config-validators.js";

describe("checkValidator", () => {
  it.each<[string, ReturnType<typeof validators.range>, ParsedConfigValue, string | undefined]>([
    ["a value inside a range", validators.range({ min: 1, max: 10 }), 5, undefined],
    ["the inclusive lower bound", validators.range({ min: 1 }), 1, undefined],
    ["a value below the range", validators.range({ min: 1 }), 0, "Value must be at least 1"],
    ["a value above the range", validators.range({ max: 10 }), 11, "Value must be no more than 10"],
    ["a bigint above the range", validators.range({ max: 10 }), 11n, "Value must be no more than 10"],
    ["an allowed value", validators.oneOf(["a", "b"]), "b", undefined],
    ["a value not allowed", validators.oneOf(["a", "b"]), "A", "String must be one of: a, b"],
    [
      "a value allowed ignoring case",
      validators.oneOf(["a", "b"], { caseInsensitive: true }),
      "A",
      undefined,
    ],
    [
      "a list with one value not allowed",
      validators.oneOf(["a", "b"]),
      ["a", "c"],
      "String must be one of: a, b",
    ],
    ["an empty string", validators.nonEmpty(), "", "String may not be empty"],
    ["a non-empty string", validators.nonEmpty(), " ", undefined],
    ["a string matching the whole pattern", validators.pattern("[a-z]+"), "abc", undefined],
    [
      "a string matching only part of the pattern",
      validators.pattern("[a-z]+"),
      "abc1",
      "Value must match the pattern [a-z]+",
    ],
  ])("judges %s", (_, validator, value, expected) => {
    expect(checkValidator(validator, value)).toBe(expected);
  });
});

describe("allowedValue", () => {
  it("reads a case-insensitive key in the allowed spelling", () => {
    expect(allowedValue(["insert", "upsert"], "UpSert", "write.method")).toBe("upsert");
  });

  it("names the key when a value was never checked against the list", () => {
    expect(() => allowedValue(["insert", "upsert"], "merge", "write.method")).toThrow(
      'write.method "merge" is not one of insert, upsert; fix the connector config',
    );
  });
});
