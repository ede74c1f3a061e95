/**
 * Java's number conversions, which Connect's Cast and MaskField rely on: narrowing wraps ((byte) 300 is
 * 44), a double narrows to an int by saturating first, and strings parse with Java's rules. Integers are
 * bigints so that every INT64 stays exact.
 */

/** A java.math.BigDecimal: unscaled × 10^-scale. */
export interface JavaBigDecimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const BIG_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** `new BigDecimal(text)`, or undefined where Java throws NumberFormatException. */
export function parseBigDecimal(text: string): JavaBigDecimal | undefined {
  const match = BIG_DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  if (whole === "" && fraction === "") return undefined;
  return { unscaled: BigInt(`${sign}${whole}${fraction}` || "0"), scale: fraction.length - Number(exponent) };
}

/** BigDecimal.longValue(): the integer part, truncated toward zero, in its low 64 bits. */
export function bigDecimalToLong(decimal: JavaBigDecimal): bigint {
  return BigInt.asIntN(64, integerPart(decimal));
}

/** BigDecimal.doubleValue(), correctly rounded. */
export function bigDecimalToDouble(decimal: JavaBigDecimal): number {
  return Number(`${decimal.unscaled}e${-decimal.scale}`);
}

/** Whether the decimal has no fractional part (Connect's ceiling-equals-floor test). */
export function isWholeNumber(decimal: JavaBigDecimal): boolean {
  return decimal.scale <= 0 || decimal.unscaled % 10n ** BigInt(decimal.scale) === 0n;
}

/** The integer part, truncated toward zero. */
export function integerPart(decimal: JavaBigDecimal): bigint {
  if (decimal.scale <= 0) return decimal.unscaled * 10n ** BigInt(-decimal.scale);
  return decimal.unscaled / 10n ** BigInt(decimal.scale);
}

/** The decimal in plain notation ("-12.50"), for a non-negative scale. */
export function plainText(decimal: JavaBigDecimal): string {
  const { unscaled, scale } = decimal;
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  return `${unscaled < 0n ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Java's (long) d: NaN is 0, and values beyond the range saturate. */
export function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 2 ** 63) return LONG_MAX;
  if (d <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

/** Java's (int) d: NaN is 0, and values beyond 32 bits saturate. */
export function doubleToInt(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  return BigInt(Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(d))));
}

/** Byte.parseByte / Short.parseShort / Integer.parseInt / Long.parseLong for a width, or undefined. */
export function parseJavaInteger(text: string, bits: 8 | 16 | 32 | 64): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = BigInt(text);
  return BigInt.asIntN(bits, n) === n ? n : undefined;
}

const JAVA_FLOAT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** Double.parseDouble (and Float.parseFloat before narrowing), or undefined where Java throws. */
export function parseJavaDouble(text: string): number | undefined {
  const trimmed = javaTrim(text);
  if (!JAVA_FLOAT.test(trimmed)) return undefined;
  const unsigned = trimmed.replace(/^[+-]/, "");
  const negative = trimmed.startsWith("-");
  if (unsigned === "NaN") return Number.NaN;
  if (unsigned === "Infinity") return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number(trimmed.replace(/[fFdD]$/, ""));
}

/** Java's String.trim: removes every character up to and including the space from both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return text.slice(start, end);
}
