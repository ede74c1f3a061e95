import { javaDigit } from "./java-digit.js";

/** Which of Connect's three ISO 8601 forms a text is written in. */
export type TemporalKind = "date" | "time" | "timestamp";

const MS_PER_DAY = 86_400_000;

/** A pattern as a list of numeric fields (by calendar unit) and literal characters. */
type PatternPart =
  | "year"
  | "month"
  | "day"
  | "hour"
  | "minute"
  | "second"
  | "millisecond"
  | { literal: string };

const DATE: readonly PatternPart[] = ["year", { literal: "-" }, "month", { literal: "-" }, "day"];
const TIME: readonly PatternPart[] = [
  "hour",
  { literal: ":" },
  "minute",
  { literal: ":" },
  "second",
  { literal: "." },
  "millisecond",
  { literal: "Z" },
];

/**
 * Connect's Values patterns, chosen by the text's length as Connect chooses them:
 * "yyyy-MM-dd" (10), "HH:mm:ss.SSS'Z'" (13) and "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" (24).
 */
const PATTERNS: ReadonlyMap<number, { kind: TemporalKind; parts: readonly PatternPart[] }> = new Map([
  [10, { kind: "date", parts: DATE }],
  [13, { kind: "time", parts: TIME }],
  [24, { kind: "timestamp", parts: [...DATE, { literal: "T" }, ...TIME] }],
]);

/**
 * Reads a Date, Time or Timestamp the way Connect's Values.parseString does, with a lenient
 * java.text.SimpleDateFormat in UTC (Connect uses the worker's time zone; workers run in UTC as a rule):
 *
 * - the pattern is picked by the text's length alone;
 * - each number takes as many digits as follow (any Unicode decimal digits), after any spaces or tabs;
 * - a number out of its range rolls over into the next unit (month 13 is January of the next year);
 * - text left over once the pattern is matched is ignored ("2019-08-2x" is 2 August 2019).
 *
 * Returns milliseconds since the epoch (a Time falls on 1970-01-01), or undefined when the text does not
 * match. Dates before the 1582 Gregorian reform come out proleptic Gregorian here, where Java would use the
 * Julian calendar.
 */
export function parseIsoTemporal(text: string): { kind: TemporalKind; epochMs: number } | undefined {
  const pattern = PATTERNS.get(text.length);
  if (pattern === undefined) return undefined;
  const fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let index = 0;
  for (const part of pattern.parts) {
    if (typeof part === "object") {
      if (text.charAt(index) !== part.literal) return undefined;
      index++;
      continue;
    }
    while (text[index] === " " || text[index] === "\t") index++;
    const number = readNumber(text, index);
    if (number === undefined) return undefined;
    fields[part] = number.value;
    index = number.end;
  }
  return { kind: pattern.kind, epochMs: epochMillis(fields) };
}

/**
 * How Connect's Values.convertToString prints a java.util.Date, in UTC: before the first day has passed
 * (which includes every instant before 1970) as a time, "HH:mm:ss.SSSZ"; at midnight as a date,
 * "yyyy-MM-dd"; otherwise as a timestamp. The form follows the instant, not the logical type, as in
 * Connect: a Timestamp of midnight prints as a date.
 */
export function formatIsoTemporal(epochMs: number): string {
  const { year, month, day, msOfDay } = civilFromEpoch(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(Math.floor(msOfDay / 3_600_000))}:${two(Math.floor(msOfDay / 60_000) % 60)}:${two(
    Math.floor(msOfDay / 1000) % 60,
  )}.${String(msOfDay % 1000).padStart(3, "0")}Z`;
  if (epochMs < MS_PER_DAY) return time;
  // SimpleDateFormat prints the year of the era, at least four digits.
  const date = `${String(year > 0 ? year : 1 - year).padStart(4, "0")}-${two(month)}-${two(day)}`;
  return msOfDay === 0 ? date : `${date}T${time}`;
}

/**
 * A number as SimpleDateFormat's DecimalFormat reads it: an optional minus and as many digits as follow,
 * then Number.intValue (a long keeps its low 32 bits; beyond a long, the double saturates).
 */
function readNumber(text: string, start: number): { value: number; end: number } | undefined {
  let index = start;
  const isNegative = text[index] === "-";
  if (isNegative) index++;
  let magnitude = 0n;
  const digitsStart = index;
  for (; index < text.length; index++) {
    const digit = javaDigit(text.charAt(index));
    if (digit < 0) break;
    magnitude = magnitude * 10n + BigInt(digit);
  }
  if (index === digitsStart) return undefined;
  const n = isNegative ? -magnitude : magnitude;
  if (BigInt.asIntN(64, n) === n) return { value: Number(BigInt.asIntN(32, n)), end: index };
  return { value: n > 0n ? 2 ** 31 - 1 : -(2 ** 31), end: index };
}

/** Milliseconds since the epoch of the fields, each allowed out of range, rolling over as a lenient calendar does. */
function epochMillis(f: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}): number {
  const months = f.year * 12 + (f.month - 1);
  const year = Math.floor(months / 12);
  const days = daysFromCivil(year, months - year * 12 + 1, 1) + (f.day - 1);
  return days * MS_PER_DAY + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + f.millisecond;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The proleptic Gregorian date and the time of day of an instant, in UTC (Hinnant's civil_from_days). */
function civilFromEpoch(epochMs: number): { year: number; month: number; day: number; msOfDay: number } {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, msOfDay };
}
