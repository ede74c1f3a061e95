import { describe, expect, it } from "vitest";
import { JavaDateFormat } from "./java-date-format.js";

const MS = Date.UTC(2023, 10, 4, 21, 3, 7, 45); // Saturday 2023-11-04T21:03:07.045Z

describe("JavaDateFormat.format", () => {
  it.each([
    ["yyyyMMdd", "20231104"],
    ["yy-M-d H:m:s.S", "23-11-4 21:3:7.45"],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSX", "2023-11-04T21:03:07.045Z"],
    ["EEE, d MMM yyyy hh:mm a z", "Sat, 4 Nov 2023 09:03 PM UTC"],
    ["EEEE MMMM D u k K Z G", "Saturday November 308 6 21 9 +0000 AD"],
    ["'It''s' HH 'o''clock'", "It's 21 o'clock"],
  ])("formats %j as SimpleDateFormat does", (pattern, expected) => {
    expect(JavaDateFormat.compile(pattern).format(MS)).toBe(expected);
  });

  it.each([
    ["yyyy-qq", "Illegal pattern character 'q'"],
    ["YYYY", "the week-based pattern letter 'Y' is not supported here"],
    ["'open", "Unterminated quote"],
  ])("refuses %j", (pattern, message) => {
    expect(() => JavaDateFormat.compile(pattern)).toThrow(message);
  });
});

describe("JavaDateFormat.parsePrefix", () => {
  it.each([
    ["yyyyMMdd", "20231104", Date.UTC(2023, 10, 4)],
    ["yyyy-MM-dd HH:mm:ss.SSS", "2023-11-04 21:03:07.045", MS],
    // Lenient: out-of-range fields roll over, as in Java.
    ["yyyy-MM-dd", "2023-13-01", Date.UTC(2024, 0, 1)],
    ["dd MMM yyyy", "04 nov 2023", Date.UTC(2023, 10, 4)],
    ["hh:mm a", "09:03 PM", Date.UTC(1970, 0, 1, 21, 3)],
    ["yyyy-MM-dd'T'HH:mmX", "2023-11-04T22:03+01:00", Date.UTC(2023, 10, 4, 21, 3)],
    ["yyyy-MM-dd HH:mm z", "2023-11-04 21:03 GMT", Date.UTC(2023, 10, 4, 21, 3)],
    ["D yyyy", "308 2023", Date.UTC(2023, 10, 4)],
  ])("parses with %j: %j", (pattern, text, epochMs) => {
    expect(JavaDateFormat.compile(pattern).parsePrefix(text)?.epochMs).toBe(epochMs);
  });

  it("reads only what the pattern covers and says how much", () => {
    expect(JavaDateFormat.compile("yyyy-MM-dd").parsePrefix("2023-11-04 and more")).toEqual({
      epochMs: Date.UTC(2023, 10, 4),
      length: 10,
    });
  });

  it("puts a two-digit year within 80 years before and 20 after now", () => {
    const thisYear = new Date().getUTCFullYear();
    const twoDigits = String((thisYear + 1) % 100).padStart(2, "0");
    expect(JavaDateFormat.compile("yy").parsePrefix(twoDigits)?.epochMs).toBe(Date.UTC(thisYear + 1, 0, 1));
  });

  it.each([
    ["yyyy-MM-dd", "2023/11/04"],
    ["yyyy-MM-dd", "x"],
    ["MMM", "Foo"],
  ])("does not parse %j from %j", (pattern, text) => {
    expect(JavaDateFormat.compile(pattern).parsePrefix(text)).toBeUndefined();
  });
});
