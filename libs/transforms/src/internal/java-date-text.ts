import { JavaDateFormat } from "./java-date-format.js";

const MS_PER_DAY = 86_400_000;
const TIME = JavaDateFormat.compile("HH:mm:ss.SSS'Z'");
const DATE = JavaDateFormat.compile("yyyy-MM-dd");
const TIMESTAMP = JavaDateFormat.compile("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

/**
 * Connect's Values.dateFormatFor: an instant within the first day of 1970 (or before it) prints as a time,
 * one at midnight as a date, anything else as a timestamp, all in ISO 8601. Connect formats in the
 * worker's time zone; this prints UTC, the time zone workers are normally run in.
 */
export function javaDateText(epochMs: number): string {
  if (epochMs < MS_PER_DAY) return TIME.format(epochMs);
  if (epochMs % MS_PER_DAY === 0) return DATE.format(epochMs);
  return TIMESTAMP.format(epochMs);
}
