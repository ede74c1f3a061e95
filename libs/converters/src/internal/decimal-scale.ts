import { DataError } from "@connect-mesh/data";
import type { Schema } from "@connect-mesh/proto";

const JAVA_INT = /^[+-]?\d+$/;

/**
 * A Decimal schema's scale, read as Connect's Decimal.scale reads it (Integer.parseInt of the "scale"
 * parameter): any int, negative ones included (1E+3 has scale -3).
 *
 * @param subject - how the schema is named in the error, e.g. `the Decimal schema of field "total"`.
 * @throws DataError when the parameter is missing or not a whole number in Java's int range.
 */
export function decimalScale(schema: Schema, subject: string): number {
  const raw = schema.parameters.scale;
  const scale = raw !== undefined && JAVA_INT.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isInteger(scale) && scale >= -(2 ** 31) && scale < 2 ** 31) return scale;
  throw new DataError(
    `${subject} needs a whole-number "scale" parameter, not ${raw === undefined ? "none" : `"${raw}"`}`,
  );
}
