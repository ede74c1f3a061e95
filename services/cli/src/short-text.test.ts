import { describe, expect, it } from "vitest";
import { shortText } from "./short-text.js";

describe("shortText", () => {
  it("keeps quotes, so a JSON value reads as itself, and escapes what would break the line", () => {
    expect(shortText('{"a":"b"}')).toBe('{"a":"b"}');
    expect(shortText("one\ntwo\tthree\\")).toBe("one\\ntwo\\tthree\\\\");
  });

  it("cuts a long text and says how long it was", () => {
    expect(shortText("x".repeat(200))).toBe(`${"x".repeat(120)}… (200 chars)`);
  });
});
