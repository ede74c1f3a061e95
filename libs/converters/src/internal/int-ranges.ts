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
