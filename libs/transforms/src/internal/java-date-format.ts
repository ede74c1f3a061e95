/**
 * java.text.SimpleDateFormat in UTC, as Connect's TimestampConverter and TimestampRouter use it: the
 * same pattern letters, formatting and lenient parsing (out-of-range fields roll over, text after the
 * pattern is ignored, a two-digit year lands within 80 years before and 20 after now).
 *
 * Supported letters: G y M L d D E u a H k K h m s S z Z X, with quoted text ('T', '' for a quote). The
 * week-based letters Y w W F are refused at config time rather than guessed at. Time zones are UTC, as
 * Connect sets them; when parsing, a zone written as Z, UTC, GMT or an offset (+01:00, +0100) is applied.
 */
export class JavaDateFormat {
  private constructor(
    readonly pattern: string,
    private readonly tokens: readonly Token[],
  ) {}

  /**
   * @throws Error with Java's message for a letter SimpleDateFormat does not know, or ours for one not supported.
   */
  static compile(pattern: string): JavaDateFormat {
    return new JavaDateFormat(pattern, tokenize(pattern));
  }

  /** Formats an instant (milliseconds since the epoch) in UTC. */
  format(epochMs: number): string {
    const date = new Date(epochMs);
    return this.tokens
      .map((token) => (token.kind === "literal" ? token.text : formatField(token, date)))
      .join("");
  }

  /**
   * Parses from the start of `text`, as DateFormat.parse does, and returns the instant and how many
   * characters were read; undefined when the text does not match the pattern.
   */
  parsePrefix(text: string): { epochMs: number; length: number } | undefined {
    const fields: ParsedFields = {};
    let index = 0;
    for (let t = 0; t < this.tokens.length; t++) {
      const token = this.tokens[t];
      if (token === undefined) break;
      if (token.kind === "literal") {
        if (!text.startsWith(token.text, index)) return undefined;
        index += token.text.length;
        continue;
      }
      const next = this.tokens[t + 1];
      const abuts = next?.kind === "field" && isNumeric(next);
      const end = parseField(token, text, index, abuts, fields);
      if (end === undefined) return undefined;
      index = end;
    }
    const epochMs = resolve(fields);
    return Number.isFinite(epochMs) ? { epochMs, length: index } : undefined;
  }
}

type Token = { kind: "literal"; text: string } | { kind: "field"; letter: string; count: number };

interface ParsedFields {
  era?: "AD" | "BC";
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hourOfDay?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMinutes?: number;
}

const SUPPORTED = new Set("GyMLdDEuaHkKhmsSzZX");
const UNSUPPORTED = new Set("YwWF");
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  const literal = (text: string) => {
    const last = tokens.at(-1);
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let text = "";
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern.charAt(j) !== "'") text += pattern.charAt(j);
        else if (pattern.charAt(j + 1) === "'") text += pattern.charAt(j++);
        else break;
      }
      if (j >= pattern.length) throw new Error("Unterminated quote");
      literal(text);
      i = j + 1;
    } else if (/[a-zA-Z]/.test(c)) {
      if (UNSUPPORTED.has(c)) throw new Error(`the week-based pattern letter '${c}' is not supported here`);
      if (!SUPPORTED.has(c)) throw new Error(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern.charAt(i + count) === c) count++;
      tokens.push({ kind: "field", letter: c, count });
      i += count;
    } else {
      literal(c);
      i++;
    }
  }
  return tokens;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatField(token: { letter: string; count: number }, date: Date): string {
  const { letter, count } = token;
  const year = date.getUTCFullYear();
  switch (letter) {
    case "G":
      return year > 0 ? "AD" : "BC";
    case "y": {
      const eraYear = year > 0 ? year : 1 - year;
      return count === 2 ? pad(eraYear % 100, 2) : pad(eraYear, count);
    }
    case "M":
    case "L": {
      const month = date.getUTCMonth();
      if (count >= 4) return MONTHS[month] ?? "";
      if (count === 3) return (MONTHS[month] ?? "").slice(0, 3);
      return pad(month + 1, count);
    }
    case "d":
      return pad(date.getUTCDate(), count);
    case "D":
      return pad(dayOfYear(date), count);
    case "E": {
      const day = DAYS[date.getUTCDay()] ?? "";
      return count >= 4 ? day : day.slice(0, 3);
    }
    case "u":
      return pad(date.getUTCDay() === 0 ? 7 : date.getUTCDay(), count);
    case "a":
      return date.getUTCHours() < 12 ? "AM" : "PM";
    case "H":
      return pad(date.getUTCHours(), count);
    case "k":
      return pad(date.getUTCHours() === 0 ? 24 : date.getUTCHours(), count);
    case "K":
      return pad(date.getUTCHours() % 12, count);
    case "h":
      return pad(date.getUTCHours() % 12 === 0 ? 12 : date.getUTCHours() % 12, count);
    case "m":
      return pad(date.getUTCMinutes(), count);
    case "s":
      return pad(date.getUTCSeconds(), count);
    case "S":
      return pad(date.getUTCMilliseconds(), count);
    case "z":
      return count >= 4 ? "Coordinated Universal Time" : "UTC";
    case "Z":
      return "+0000";
    default:
      // X: ISO 8601 zone, which Java writes as "Z" for UTC.
      return "Z";
  }
}

function dayOfYear(date: Date): number {
  const startOfYear = new Date(0);
  startOfYear.setUTCFullYear(date.getUTCFullYear(), 0, 1);
  return Math.floor((date.getTime() - startOfYear.getTime()) / 86_400_000) + 1;
}

function isNumeric(token: { letter: string; count: number }): boolean {
  if (token.letter === "M" || token.letter === "L") return token.count <= 2;
  return "ydDuHkKhmsS".includes(token.letter);
}

/** Parses one field at `index`; returns where it ends, or undefined when the text does not fit. */
function parseField(
  token: { letter: string; count: number },
  text: string,
  start: number,
  abuts: boolean,
  fields: ParsedFields,
): number | undefined {
  const { letter, count } = token;
  if (isNumeric(token)) {
    let index = start;
    // Java skips spaces and tabs before a number.
    while (text.charAt(index) === " " || text.charAt(index) === "\t") index++;
    const digits = /^\d+/.exec(text.slice(index, abuts ? index + count : undefined))?.[0];
    if (digits === undefined) return undefined;
    const n = Number(digits);
    setNumeric(letter, count, n, digits.length, fields);
    return index + digits.length;
  }
  const rest = text.slice(start);
  switch (letter) {
    case "M":
    case "L":
      return matchName(rest, MONTHS, start, (i) => {
        fields.month = i;
      });
    case "E":
      return matchName(rest, DAYS, start, () => {});
    case "a":
      return matchName(rest, ["AM", "PM"], start, (i) => {
        fields.pm = i === 1;
      });
    case "G":
      return matchName(rest, ["AD", "BC"], start, (i) => {
        fields.era = i === 1 ? "BC" : "AD";
      });
    default:
      return parseZone(rest, start, letter === "X", fields);
  }
}

function setNumeric(
  letter: string,
  count: number,
  n: number,
  digitCount: number,
  fields: ParsedFields,
): void {
  switch (letter) {
    case "y":
      fields.year = count <= 2 && digitCount === 2 ? twoDigitYear(n) : n;
      return;
    case "M":
    case "L":
      fields.month = n - 1;
      return;
    case "d":
      fields.day = n;
      return;
    case "D":
      fields.dayOfYear = n;
      return;
    case "H":
      fields.hourOfDay = n;
      return;
    case "k":
      fields.hourOfDay = n === 24 ? 0 : n;
      return;
    case "K":
      fields.hour12 = n;
      return;
    case "h":
      fields.hour12 = n === 12 ? 0 : n;
      return;
    case "m":
      fields.minute = n;
      return;
    case "s":
      fields.second = n;
      return;
    case "S":
      fields.millisecond = n;
      return;
    default:
      // u: the day of the week, which the other fields decide, as in Java's lenient resolution.
      return;
  }
}

/** Java puts a two-digit year within the 100 years that start 80 years before now. */
function twoDigitYear(n: number): number {
  const startYear = new Date().getUTCFullYear() - 80;
  const century = Math.floor(startYear / 100) * 100;
  const year = century + n;
  return year < startYear ? year + 100 : year;
}

function matchName(
  rest: string,
  names: readonly string[],
  start: number,
  found: (index: number) => void,
): number | undefined {
  const lower = rest.toLowerCase();
  // Full names first, then the three-letter short forms, as Java tries them.
  for (const length of [Number.POSITIVE_INFINITY, 3]) {
    const index = names.findIndex((name) => lower.startsWith(name.slice(0, length).toLowerCase()));
    const name = names[index];
    if (name !== undefined) {
      found(index);
      return start + Math.min(name.length, length);
    }
  }
  return undefined;
}

const OFFSET = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?/;

function parseZone(rest: string, start: number, isIso: boolean, fields: ParsedFields): number | undefined {
  if (isIso && rest.startsWith("Z")) {
    fields.offsetMinutes = 0;
    return start + 1;
  }
  const offset = OFFSET.exec(rest);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? "0");
    fields.offsetMinutes = offset[1] === "-" ? -minutes : minutes;
    return start + offset[0].length;
  }
  const name = /^(?:UTC|GMT|Z)/.exec(rest);
  if (!name) return undefined;
  fields.offsetMinutes = 0;
  return start + name[0].length;
}

/** The instant the fields describe, rolling over out-of-range values as a lenient Calendar does. */
function resolve(fields: ParsedFields): number {
  const date = new Date(0);
  const year = fields.year ?? 1970;
  const eraYear = fields.era === "BC" ? 1 - year : year;
  if (fields.dayOfYear !== undefined && fields.day === undefined && fields.month === undefined) {
    date.setUTCFullYear(eraYear, 0, fields.dayOfYear);
  } else {
    date.setUTCFullYear(eraYear, fields.month ?? 0, fields.day ?? 1);
  }
  const hour = fields.hourOfDay ?? (fields.hour12 ?? 0) + (fields.pm ? 12 : 0);
  date.setUTCHours(hour, fields.minute ?? 0, fields.second ?? 0, fields.millisecond ?? 0);
  return date.getTime() - (fields.offsetMinutes ?? 0) * 60_000;
}
