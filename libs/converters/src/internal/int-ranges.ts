import { DataError } from "@connect-mesh/data";
import { SchemaType } from "@connect-mesh/proto";

/** The range of each integer type. All of them travel as int_value (sint64), so the width is checked here. */
const RANGES: ReadonlyMap<SchemaType, readonly [bigint, bigint]> = new Map([
  [SchemaType.SCHEMA_TYPE_INT8, [-(2n ** 7n), 2n ** 7n - 1n]],
  [SchemaType.SCHEMA_TYPE_INT16, [-(2n ** 15n), 2n ** 15n - 1n]],
  [SchemaType.SCHEMA_TYPE_INT32, [-(2n ** 31n), 2n ** 31n - 1n]],
  [SchemaType.SCHEMA_TYPE_INT64, [-(2n ** 63n), 2n ** 63n - 1n]],
] as const);

/**
 * Whether `n` fits the integer `type`. Connect would wrap an out-of-range number silently ((byte) 300 is
 * 44); we refuse instead, since the wrapped number is never what the producer meant.
 */
export function fitsIntType(n: bigint, type: SchemaType): boolean {
  const range = RANGES.get(type);
  return range !== undefined && n >= range[0] && n <= range[1];
}

/** Milliseconds in a day: the largest Time Connect accepts (its check lets a full day through). */
const MS_PER_DAY = 86_400_000n;

/**
 * Refuses a Time outside 0 to 86400000 milliseconds, as Connect's Time.toLogical and Time.fromLogical do,
 * so JsonConverter refuses such a Time both ways.
 *
 * @param where - how the value is named in the error, e.g. `field "at"`.
 * @throws DataError for a Time out of range.
 */
export function checkTimeOfDay(ms: bigint, where: string): void {
  if (ms < 0n || ms > MS_PER_DAY) {
    throw new DataError(`${where} is a Time of ${ms} ms, but a Time is 0 to 86400000 ms after midnight`);
  }
}
