import { DataError } from "@connect-mesh/data";

const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Beyond this many places a number is not a decimal anyone meant; it would only cost memory to expand. */
const MAX_EXPONENT = 10_000;

/**
 * A JSON number's text as a plain decimal with at most `scale` digits after the point, for a NUMERIC
 * Decimal. "1.5E-3" becomes "0.0015"; trailing zeros past the scale are dropped since they do not change
 * the value ("1.500" fits scale 2). A number with more significant fraction digits than the scale is left
 * as it is, for LogicalDecimal to reject: Connect would not round it either.
 */
export function plainDecimalText(jsonNumber: string, scale: number): string {
  const match = JSON_NUMBER.exec(jsonNumber);
  if (!match) throw new DataError(`${jsonNumber} is not a JSON number`);
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) {
    throw new DataError(`the number ${jsonNumber} is too far from 1 to be a Decimal`);
  }
  const digits = whole + fraction;
  // Where the point falls within `digits`, which may be outside them on either side.
  const point = whole.length + exponent;
  const padded =
    point <= 0 ? "0".repeat(1 - point) + digits : point >= digits.length ? digits.padEnd(point, "0") : digits;
  const pointInPadded = point <= 0 ? 1 : point;
  const integer = padded.slice(0, pointInPadded).replace(/^0+(?=\d)/, "");
  let decimals = padded.slice(pointInPadded);
  while (decimals.length > scale && decimals.endsWith("0")) decimals = decimals.slice(0, -1);
  return decimals === "" ? `${sign}${integer}` : `${sign}${integer}.${decimals}`;
}
