/**
 * Numbers as Java prints them. Connect's JSON output (Jackson) and StringConverter (Object.toString) both
 * print floats with Java's Double.toString / Float.toString, which differ from JavaScript's: 1.0 stays
 * "1.0" rather than "1", and large or small magnitudes switch to "1.0E10" notation. Matching them keeps
 * our bytes identical to Connect's, and keeps a FLOAT64 of 1.0 from reading back as an integer when
 * schemas are off.
 */

/** Java's Double.toString (JDK 19+, shortest round-trip digits), including "NaN" and "Infinity". */
export function javaDoubleText(value: number): string {
  if (!Number.isFinite(value)) return nonFiniteText(value);
  const shortest = value.toExponential();
  return javaDecimalText(value, isOneDigit(shortest) ? closerTwoDigits(value, shortest, (n) => n) : shortest);
}

/**
 * Java's Float.toString of `value` narrowed to single precision: the fewest digits that read back as the
 * same float, so 0.1f prints "0.1" even though its double widening is 0.10000000149011612.
 */
export function javaFloatText(value: number): string {
  const float = Math.fround(value);
  if (!Number.isFinite(float)) return nonFiniteText(float);
  for (let precision = 1; precision < 9; precision++) {
    const candidate = float.toExponential(precision - 1);
    if (Math.fround(Number(candidate)) !== float) continue;
    return javaDecimalText(
      float,
      precision === 1 ? closerTwoDigits(float, candidate, Math.fround) : candidate,
    );
  }
  // Nine significant digits always identify a float.
  return javaDecimalText(float, float.toExponential(8));
}

/**
 * Java's BigDecimal.toString of unscaled × 10^-scale: plain when the scale is not negative and the adjusted
 * exponent is -6 or more (so 0.000001, but 1E-7), otherwise scientific with a signed exponent (1.5E+400).
 */
export function javaBigDecimalTextOf(unscaled: bigint, scale: number): string {
  const sign = unscaled < 0n ? "-" : "";
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  if (scale === 0) return `${sign}${digits}`;
  const adjustedExponent = digits.length - 1 - scale;
  if (scale > 0 && adjustedExponent >= -6) {
    const padded = digits.padStart(scale + 1, "0");
    return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
  const exponent = adjustedExponent > 0 ? `+${adjustedExponent}` : String(adjustedExponent);
  return `${sign}${digits.slice(0, 1)}${fraction}E${exponent}`;
}

function isOneDigit(exponential: string): boolean {
  return !exponential.includes(".");
}

/**
 * Java (JDK 19+) does not stop at one digit: when one digit would do, it picks the closest of the one- and
 * two-digit decimals that read back as the value, so Double.MIN_VALUE prints 4.9E-324, not 5.0E-324. The
 * correctly rounded two-digit decimal is that closest one whenever it reads back.
 */
function closerTwoDigits(value: number, oneDigit: string, narrow: (n: number) => number): string {
  const twoDigits = value.toExponential(1);
  return narrow(Number(twoDigits)) === value ? twoDigits : oneDigit;
}

function nonFiniteText(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/**
 * Lays out shortest digits (given as JavaScript exponential text, e.g. "1.2345e+2") with Java's rules:
 * plain notation with at least one fraction digit for 10^-3 <= |v| < 10^7, else "d.dddE<n>".
 */
function javaDecimalText(value: number, exponential: string): string {
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const [mantissa = "0", exponentText = "0"] = exponential.replace(/^-/, "").split("e");
  // "1.0e+2" (a two-digit candidate) and "1e+2" are the same digits; trailing zeros are layout, not digits.
  const digits = mantissa.replace(".", "").replace(/(?<=\d)0+$/, "");
  const exponent = Number(exponentText);
  if (value === 0) return `${sign}0.0`;
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    const fraction = digits.slice(exponent + 1) || "0";
    return `${sign}${whole}.${fraction}`;
  }
  return `${sign}${digits.slice(0, 1)}.${digits.slice(1) || "0"}E${exponent}`;
}
