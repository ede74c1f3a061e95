import { javaDigit } from "./java-digit.js";

/** A decimal as Java's BigDecimal holds it: unscaled × 10^-scale. The scale may be negative. */
export interface JavaBigDecimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const PLAIN_INTEGER = /^[+-]?[0-9]+$/;
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);
/** Where rounding to float starts giving infinity: halfway between the largest float and 2^128. */
const FLOAT_OVERFLOW = 2 ** 128 - 2 ** 103;

/**
 * Reads text as Java's `new BigDecimal(String)` does: an optional sign, digits with at most one point
 * (and at least one digit), then an optional exponent `e`/`E` with an optional sign. Digits may be any
 * Unicode decimal digits, as Java's are. Undefined where Java would throw NumberFormatException, including
 * a scale outside Java's int range.
 */
export function parseJavaBigDecimal(text: string): JavaBigDecimal | undefined {
  // The common case, a plain ASCII integer, needs none of the checks below.
  if (PLAIN_INTEGER.test(text)) return { unscaled: BigInt(text.replace(/^\+/, "")), scale: 0 };
  let i = 0;
  const sign = text[0] === "-" || text[0] === "+" ? text[i++] : "";
  let digits = "";
  let fractionDigits = 0;
  let hasPoint = false;
  for (; i < text.length && text[i] !== "e" && text[i] !== "E"; i++) {
    const c = text.charAt(i);
    if (c === ".") {
      if (hasPoint) return undefined;
      hasPoint = true;
      continue;
    }
    const digit = javaDigit(c);
    if (digit < 0) return undefined;
    digits += digit;
    if (hasPoint) fractionDigits++;
  }
  if (digits === "") return undefined;
  let exponent = 0n;
  if (i < text.length) {
    const exponentText = text.slice(i + 1);
    const exponentDigits = exponentText.replace(/^[+-]/, "");
    if (exponentDigits === "") return undefined;
    let magnitude = 0n;
    for (const c of exponentDigits) {
      const digit = javaDigit(c);
      if (digit < 0) return undefined;
      magnitude = magnitude * 10n + BigInt(digit);
    }
    exponent = exponentText.startsWith("-") ? -magnitude : magnitude;
  }
  const scale = BigInt(fractionDigits) - exponent;
  if (scale > BigInt(INT_MAX) || scale < BigInt(INT_MIN)) return undefined;
  return { unscaled: BigInt(`${sign === "-" ? "-" : ""}${digits}`), scale: Number(scale) };
}

/**
 * The decimal as an integer when it has no fractional part and fits Java's long, else undefined: the test
 * Connect's Values.parseString makes before it tries floats. Never expands a huge exponent.
 */
export function exactLong(decimal: JavaBigDecimal): bigint | undefined {
  const { unscaled, scale } = decimal;
  if (unscaled === 0n) return 0n;
  const digitCount = (unscaled < 0n ? -unscaled : unscaled).toString().length;
  let integer: bigint;
  if (scale <= 0) {
    // 10^19 is already past the long range.
    if (digitCount - scale > 19) return undefined;
    integer = unscaled * 10n ** BigInt(-scale);
  } else {
    if (scale >= digitCount) return undefined;
    const divisor = 10n ** BigInt(scale);
    if (unscaled % divisor !== 0n) return undefined;
    integer = unscaled / divisor;
  }
  return BigInt.asIntN(64, integer) === integer ? integer : undefined;
}

/** BigDecimal.doubleValue: the nearest double. */
export function doubleValueOf(decimal: JavaBigDecimal): number {
  return Number(canonicalText(decimal));
}

/**
 * BigDecimal.floatValue: the nearest float, correctly rounded from the decimal itself. Rounding through the
 * nearest double can go wrong in one case only, when that double lies exactly halfway between two floats;
 * then the decimal is compared with the halfway point exactly.
 */
export function floatValueOf(decimal: JavaBigDecimal): number {
  const double = doubleValueOf(decimal);
  const float = Math.fround(double);
  if (float === double || !Number.isFinite(double)) return float;
  const other = adjacentFloat(float, double > float ? 1 : -1);
  // Past the largest float the neighbour is infinity, and the halfway point is 2^128 - 2^103.
  const halfway = Number.isFinite(float) ? (float + other) / 2 : Math.sign(float) * FLOAT_OVERFLOW;
  if (halfway !== double) return float;
  const order = compareWithDouble(decimal, double);
  if (order === 0) return float;
  // The decimal lies beyond the halfway point, on the side of `other`, or short of it, on the side of `float`.
  return order > 0 === other > float ? other : float;
}

function canonicalText({ unscaled, scale }: JavaBigDecimal): string {
  return `${unscaled}e${-scale}`;
}

/** The float next to `float` (a float value), one step towards +∞ (1) or −∞ (-1). */
function adjacentFloat(float: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, float);
  const bits = view.getInt32(0);
  // Float bits are sign and magnitude: adding one moves away from zero, on either side (from -0, to −∞).
  const isAwayFromZero =
    float > 0 || (float === 0 && !Object.is(float, -0)) ? direction === 1 : direction === -1;
  view.setInt32(0, isAwayFromZero ? bits + 1 : bits - 1);
  return view.getFloat32(0);
}

/** The sign of decimal − double, computed exactly. */
function compareWithDouble({ unscaled, scale }: JavaBigDecimal, double: number): number {
  const { mantissa, exponent } = decomposeDouble(double);
  // unscaled × 10^-scale against mantissa × 2^exponent, both sides made integers.
  let left = unscaled;
  let right = mantissa;
  if (scale > 0) right *= 10n ** BigInt(scale);
  else left *= 10n ** BigInt(-scale);
  if (exponent > 0) right *= 2n ** BigInt(exponent);
  else left *= 2n ** BigInt(-exponent);
  return left === right ? 0 : left > right ? 1 : -1;
}

/** A finite double as mantissa × 2^exponent, with an integer mantissa. */
function decomposeDouble(double: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, double);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  return { mantissa: sign * mantissa, exponent };
}
