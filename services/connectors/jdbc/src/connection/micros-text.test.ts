import { describe, expect, it } from "vitest";
import {
  floorToSecond,
  formatMicros,
  instantToWallClock,
  parseDateDays,
  parseMicros,
  parseTimeMs,
  wallClockToInstant,
} from "./micros-text.js";

const at = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe("parseMicros", () => {
  it.each([
    ["2024-03-01 12:00:00", at("2024-03-01T12:00:00Z")],
    ["2024-03-01 12:00:00.123456", at("2024-03-01T12:00:00Z") + 123_456n],
    ["2024-03-01 12:00:00.5", at("2024-03-01T12:00:00Z") + 500_000n],
    ["2024-03-01 12:00:00.123+00", at("2024-03-01T12:00:00Z") + 123_000n],
    ["2024-03-01 17:30:00+05:30", at("2024-03-01T12:00:00Z")],
    ["2024-03-01 04:00:00-08", at("2024-03-01T12:00:00Z")],
    ["2024-03-01", at("2024-03-01T00:00:00Z")],
    ["1969-12-31 23:59:59.999999", -1n],
  ])("reads %s", (text, micros) => {
    expect(parseMicros(text)).toBe(micros);
  });

  it.each(["0000-00-00 00:00:00", "yesterday", "2024-03-01 12:00"])("refuses %j", (text) => {
    expect(() => parseMicros(text)).toThrow(/not a/);
  });
});

describe("formatMicros", () => {
  it.each([
    [at("2024-03-01T12:00:00Z") + 7n, "2024-03-01 12:00:00.000007"],
    [-1n, "1969-12-31 23:59:59.999999"],
  ])("writes %s as %s, which parseMicros reads back", (micros, text) => {
    expect(formatMicros(micros)).toBe(text);
    expect(parseMicros(text)).toBe(micros);
  });
});

describe("floorToSecond", () => {
  it.each([
    [1_999_999n, 1_000_000n],
    [-1n, -1_000_000n],
  ])("rounds %s down to %s", (micros, floored) => {
    expect(floorToSecond(micros)).toBe(floored);
  });
});

describe("dates and times of day", () => {
  it.each([
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2024-03-01", 19_783],
  ])("%s is day %i", (text, days) => {
    expect(parseDateDays(text)).toBe(days);
  });

  it.each([
    ["00:00:00", 0],
    ["12:34:56.789123", 45_296_789],
  ])("%s is %i ms after midnight", (text, ms) => {
    expect(parseTimeMs(text)).toBe(ms);
  });

  it.each(["-01:00:00", "25:00:00"])("refuses MySQL's duration %s", (text) => {
    expect(() => parseTimeMs(text)).toThrow(/not a time of day/);
  });
});

describe("time zones", () => {
  it.each([
    ["UTC", "2024-07-01T12:00:00Z", "2024-07-01T12:00:00Z"],
    ["Europe/Paris", "2024-07-01T12:00:00Z", "2024-07-01T10:00:00Z"],
    ["Europe/Paris", "2024-01-01T12:00:00Z", "2024-01-01T11:00:00Z"],
    ["America/New_York", "2024-03-10T12:00:00Z", "2024-03-10T16:00:00Z"],
  ])("in %s the wall clock %s is the instant %s, and back", (zone, wall, instant) => {
    expect(wallClockToInstant(at(wall), zone)).toBe(at(instant));
    expect(instantToWallClock(at(instant), zone)).toBe(at(wall));
  });
});
