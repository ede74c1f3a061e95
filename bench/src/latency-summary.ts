import { percentileOfSorted } from "./stats.js";

/** The median, 99th percentile and maximum of a set of latencies in ms. */
export function latencySummary(latenciesMs: Float64Array): { p50Ms: number; p99Ms: number; maxMs: number } {
  if (latenciesMs.length === 0) throw new RangeError("no latencies were measured");
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    p50Ms: percentileOfSorted(sorted, 50),
    p99Ms: percentileOfSorted(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}
