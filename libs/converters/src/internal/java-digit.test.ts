import { describe, expect, it } from "vitest";
import { javaDigit } from "./java-digit.js";

describe("javaDigit", () => {
  it.each([
    ["0", 0],
    ["9", 9],
    ["٣", 3],
    ["۹", 9],
    ["０", 0],
    ["७", 7],
    ["a", -1],
    ["²", -1],
    ["", -1],
    ["12", -1],
  ])("reads %s as %i, as Java's Character.digit does", (c, expected) => {
    expect(javaDigit(c)).toBe(expected);
  });
});
