/** A Unicode decimal digit (general category Nd), which Java's Character.isDigit accepts. */
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The value of one UTF-16 character as a decimal digit, as Java's Character.digit(c, 10) gives it, or -1.
 * Java's BigDecimal and DecimalFormat read any Unicode decimal digit, so "١٢" (Arabic-Indic) is 12 there
 * and here. Unicode lays each set of digits out as a run of ten from its zero, so the value is the
 * distance from the start of the run.
 */
export function javaDigit(c: string): number {
  const ascii = c.charCodeAt(0) - 0x30;
  if (c.length === 1 && ascii >= 0 && ascii <= 9) return ascii;
  if (c.length !== 1 || !DECIMAL_DIGIT.test(c)) return -1;
  const code = c.charCodeAt(0);
  let zero = code;
  while (code - zero < 9 && DECIMAL_DIGIT.test(String.fromCharCode(zero - 1))) zero--;
  return code - zero;
}
