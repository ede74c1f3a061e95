import { FatalError } from "@connect-mesh/connector-sdk";

const MICROS_PER_SECOND = 1_000_000n;
const MS_PER_DAY = 86_400_000;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME = /^(-?)(\d{1,3}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/**
 * Microseconds since the Unix epoch from a database's date-time text ("2024-03-01 12:00:00.123456", with an
 * optional zone offset such as "+00", "+05:30" or "Z"). Text without an offset is taken as UTC. Both
 * databases keep microseconds, which a JavaScript Date would cut to milliseconds, so offsets stay exact.
 */
export function parseMicros(text: string): bigint {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) throw new FatalError(`"${text}" is not a date and time the connector can read`);
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", offset] = match;
  const epochMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(epochMs) || Number(month) < 1 || Number(day) < 1) {
    throw new FatalError(`"${text}" is not a valid date (MySQL's zero dates have no instant)`);
  }
  const micros = BigInt(epochMs) * 1000n + BigInt(fraction.slice(0, 6).padEnd(6, "0"));
  return micros - offsetMinutes(offset) * 60n * MICROS_PER_SECOND;
}

/** A UTC wall-clock text with microseconds, as both databases compare it with their date-time columns. */
export function formatMicros(micros: bigint): string {
  const ms = Number(floorDiv(micros, 1000n));
  const iso = new Date(ms).toISOString(); // 2024-03-01T12:00:00.123Z
  const sub = String(micros - floorDiv(micros, MICROS_PER_SECOND) * MICROS_PER_SECOND).padStart(6, "0");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${sub}`;
}

/** Rounds down to a whole second. */
export function floorToSecond(micros: bigint): bigint {
  return floorDiv(micros, MICROS_PER_SECOND) * MICROS_PER_SECOND;
}

/** Days since 1970-01-01 from "2024-03-01", as Connect's Date carries them. */
export function parseDateDays(text: string): number {
  const micros = parseMicros(text);
  return Number(floorDiv(micros, 1000n)) / MS_PER_DAY;
}

/**
 * Milliseconds since midnight from a time of day ("12:34:56.789"), as Connect's Time carries them. MySQL's
 * TIME also holds durations (negative, or past 24 hours), which a time of day cannot carry.
 */
export function parseTimeMs(text: string): number {
  const match = TIME.exec(text.trim());
  const [, sign = "", hours = "0", minutes = "0", seconds = "0", fraction = ""] = match ?? [];
  const ms =
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 +
    Number(fraction.slice(0, 3).padEnd(3, "0"));
  if (match === null || sign === "-" || ms >= MS_PER_DAY) {
    throw new FatalError(`"${text}" is not a time of day from 00:00:00 to 23:59:59.999`);
  }
  return ms;
}

/**
 * The instant a wall-clock time names in an IANA time zone (e.g. a DATETIME read in db.timezone). Both
 * are in microseconds since the epoch; the wall clock is counted as if it were UTC.
 */
export function wallClockToInstant(wallMicros: bigint, zone: string): bigint {
  if (isUtc(zone)) return wallMicros;
  // The zone's offset at the guess, then once more at the corrected instant, settles across a DST change.
  const guess = wallMicros - BigInt(zoneOffsetMs(zone, wallMicros)) * 1000n;
  return wallMicros - BigInt(zoneOffsetMs(zone, guess)) * 1000n;
}

/** The wall-clock time in an IANA time zone of an instant, in microseconds counted as if UTC. */
export function instantToWallClock(instantMicros: bigint, zone: string): bigint {
  return isUtc(zone) ? instantMicros : instantMicros + BigInt(zoneOffsetMs(zone, instantMicros)) * 1000n;
}

/** Throws a FatalError naming the key when `zone` is not a time zone this runtime knows. */
export function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch (error) {
    throw new FatalError(`db.timezone "${zone}" is not a known IANA time zone (e.g. UTC, Europe/Paris)`, {
      cause: error,
    });
  }
}

function isUtc(zone: string): boolean {
  return zone === "UTC" || zone === "Etc/UTC" || zone === "GMT" || zone === "Z";
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds. */
function zoneOffsetMs(zone: string, instantMicros: bigint): number {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, format);
  }
  const instantMs = Number(floorDiv(instantMicros, 1000n));
  const parts = Object.fromEntries(
    format.formatToParts(instantMs).map((part) => [part.type, Number(part.value)]),
  );
  const wallMs = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wallMs - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

function offsetMinutes(offset: string | undefined): bigint {
  if (offset === undefined || offset === "Z") return 0n;
  const sign = offset.startsWith("-") ? -1n : 1n;
  const digits = offset.slice(1).replace(":", "");
  return sign * (BigInt(digits.slice(0, 2)) * 60n + BigInt(digits.slice(2, 4) || "0"));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}
