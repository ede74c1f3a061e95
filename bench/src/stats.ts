/** A figure over several runs: the median, and the lowest and highest seen. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median, min and max of one figure across runs; undefined when no run produced it. */
export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentileOfSorted(sorted, 50), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

/**
 * The p-th percentile of ascending values, by linear interpolation between the closest ranks (so the 50th
 * of an even count is the mean of the middle two, the usual median).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError("no values to take a percentile of");
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] ?? 0;
  const high = sorted[above] ?? 0;
  return low + (high - low) * (rank - below);
}
