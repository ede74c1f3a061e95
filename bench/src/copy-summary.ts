import type { CopyRun } from "./results.js";
import type { Spread } from "./stats.js";
import { spreadOf } from "./stats.js";
import { type ProcessSummary, summarizeProcesses, summarizeVerifications } from "./summary.js";

/** The measurement name of row E's runs, in progress lines and in results.json's failures. */
export const JDBC_MEASUREMENT = "jdbc";

/** The measurement name of row F's runs, in progress lines and in results.json's failures. */
export const SEARCH_MEASUREMENT = "search";

/** Row E's or row F's copies across their runs. */
export interface CopySummary {
  readonly runs: number;
  readonly records: number;
  readonly recordsPerSec: Spread;
  readonly seconds: Spread;
  readonly processes: readonly ProcessSummary[];
  /** Each of the runs' notes (fill time, the timeline's seconds) across the runs that have it. */
  readonly notes: Readonly<Record<string, Spread>>;
  /** e.g. "3/3 count + SHA-256", or the first failed check. */
  readonly verified: string;
  readonly isVerified: boolean;
}

/** A copying row's runs summarized; undefined when none was measured. */
export function summarizeCopies(runs: readonly CopyRun[]): CopySummary | undefined {
  const recordsPerSec = spreadOf(runs.map((r) => r.recordsPerSec));
  const seconds = spreadOf(runs.map((r) => r.seconds));
  const first = runs[0];
  if (recordsPerSec === undefined || seconds === undefined || first === undefined) return undefined;
  return {
    runs: runs.length,
    records: first.records,
    recordsPerSec,
    seconds,
    processes: summarizeProcesses(runs.map((r) => r.processes)),
    notes: summarizeNotes(runs),
    ...summarizeVerifications(runs.map((r) => r.verification)),
  };
}

/**
 * A process's median CPU time per copied record, in microseconds: what each part of the pipeline costs a
 * record, comparable across runs of different sizes.
 */
export function cpuMicrosPerRecord(process: ProcessSummary, records: number): number {
  return (process.cpuSeconds.median / records) * 1e6;
}

function summarizeNotes(runs: readonly CopyRun[]): Record<string, Spread> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.notes)))];
  const notes: Record<string, Spread> = {};
  for (const name of names) {
    const spread = spreadOf(runs.flatMap((r) => (r.notes[name] === undefined ? [] : [r.notes[name]])));
    if (spread !== undefined) notes[name] = spread;
  }
  return notes;
}
