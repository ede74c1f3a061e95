import { describe, expect, it } from "vitest";
import { formatIsoTemporal, parseIsoTemporal } from "./iso-temporal.js";

describe("parseIsoTemporal", () => {
  // Each row is what Java's lenient SimpleDateFormat (in UTC) gives for Connect's pattern of that length.
  it.each<[string, string, "date" | "time" | "timestamp", string]>([
    ["a date", "2019-08-23", "date", "2019-08-23T00:00:00.000Z"],
    ["a time", "14:34:54.346Z", "time", "1970-01-01T14:34:54.346Z"],
    ["a timestamp", "2019-08-23T14:34:54.346Z", "timestamp", "2019-08-23T14:34:54.346Z"],
    ["a month past December", "2019-13-01", "date", "2020-01-01T00:00:00.000Z"],
    ["day zero, as the day before the first", "2019-03-00", "date", "2019-02-28T00:00:00.000Z"],
    ["an hour past midnight", "24:00:00.000Z", "time", "1970-01-02T00:00:00.000Z"],
    ["fields of one digit and a long day", "2019-1-123", "date", "2019-05-03T00:00:00.000Z"],
    ["spaces before a number", "2019- 8-23", "date", "2019-08-23T00:00:00.000Z"],
    ["text left over after the pattern", "2019-08-2x", "date", "2019-08-02T00:00:00.000Z"],
    ["a minus inside the pattern", "2019--1-01", "date", "2018-11-01T00:00:00.000Z"],
    ["milliseconds of one digit", "1:2:3.4Z56789", "time", "1970-01-01T01:02:03.004Z"],
    ["a year before 100, taken literally", "0099-01-01", "date", "0099-01-01T00:00:00.000Z"],
  ])("reads %s", (_what, text, kind, iso) => {
    expect(parseIsoTemporal(text)).toEqual({ kind, epochMs: new Date(iso).getTime() });
  });

  it.each([
    ["a length no pattern has", "2019-08-231"],
    ["a wrong separator", "2019/08/23"],
    ["a missing Z", "14:34:54.3467"],
    ["a plus sign", "+019-08-23"],
    ["letters", "abcd-ef-gh"],
  ])("refuses %s", (_what, text) => {
    expect(parseIsoTemporal(text)).toBeUndefined();
  });
});

describe("formatIsoTemporal", () => {
  // Each row is Connect's Values.dateFormatFor(date).format(date) in UTC.
  it.each([
    ["the first day, as a time", "1970-01-01T14:34:54.346Z", "14:34:54.346Z"],
    ["an instant before 1970, as a time", "1969-07-20T20:17:40.000Z", "20:17:40.000Z"],
    ["a midnight, as a date", "2019-08-23T00:00:00.000Z", "2019-08-23"],
    ["any other instant, as a timestamp", "2019-08-23T14:34:54.346Z", "2019-08-23T14:34:54.346Z"],
    ["a year past 9999", "+012345-01-01T00:00:00.001Z", "12345-01-01T00:00:00.001Z"],
  ])("prints %s", (_what, iso, expected) => {
    expect(formatIsoTemporal(new Date(iso).getTime())).toBe(expected);
  });
});
