import type { Spread } from "./stats.js";

/** How the tables write numbers: thousands separated, few decimals, a spread as "median (min–max)". */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatSpread(spread: Spread | undefined, decimals = 0): string {
  if (spread === undefined) return "–";
  if (spread.min === spread.max) return formatNumber(spread.median, decimals);
  return `${formatNumber(spread.median, decimals)} (${formatNumber(spread.min, decimals)}–${formatNumber(spread.max, decimals)})`;
}
