import type { Verification } from "./file-compare.js";
import { BROKER_LABEL, type ProcessUsage } from "./process-sampler.js";
import type { LatencyRun, ThroughputRun } from "./results.js";
import { type Spread, spreadOf } from "./stats.js";

/** One process's figures across runs. */
export interface ProcessSummary {
  readonly label: string;
  readonly peakRssMb: Spread;
  readonly cpuSeconds: Spread;
}

/** One row's throughput across runs. */
export interface ThroughputSummary {
  readonly runs: number;
  readonly recordsPerSec: Spread;
  readonly mbPerSec: Spread;
  readonly processes: readonly ProcessSummary[];
  /**
   * CPU seconds per million records of all the row's own processes together (the broker, which every row
   * shares, left out), summed within each run: what the runtime costs the machine, not only its speed.
   */
  readonly cpuSecondsPerMillion: Spread;
  /** e.g. "3/3 byte-for-byte", or what failed. */
  readonly verified: string;
  readonly isVerified: boolean;
}

/** One row's latency across runs. */
export interface LatencySummary {
  readonly runs: number;
  readonly p50Ms: Spread;
  readonly p99Ms: Spread;
  readonly maxMs: Spread;
  readonly measures: string;
  readonly processes: readonly ProcessSummary[];
  readonly verified: string;
  readonly isVerified: boolean;
}

export function summarizeThroughput(runs: readonly ThroughputRun[]): ThroughputSummary | undefined {
  const recordsPerSec = spreadOf(runs.map((r) => r.recordsPerSec));
  const mbPerSec = spreadOf(runs.map((r) => r.mbPerSec));
  const cpuSecondsPerMillion = spreadOf(runs.map((r) => (ownCpuSeconds(r.processes) / r.records) * 1e6));
  if (recordsPerSec === undefined || mbPerSec === undefined || cpuSecondsPerMillion === undefined)
    return undefined;
  return {
    runs: runs.length,
    recordsPerSec,
    mbPerSec,
    processes: summarizeProcesses(runs.map((r) => r.processes)),
    cpuSecondsPerMillion,
    ...summarizeVerifications(runs.map((r) => r.verification)),
  };
}

export function summarizeLatency(runs: readonly LatencyRun[]): LatencySummary | undefined {
  const p50Ms = spreadOf(runs.map((r) => r.p50Ms));
  const p99Ms = spreadOf(runs.map((r) => r.p99Ms));
  const maxMs = spreadOf(runs.map((r) => r.maxMs));
  const first = runs[0];
  if (p50Ms === undefined || p99Ms === undefined || maxMs === undefined || first === undefined)
    return undefined;
  return {
    runs: runs.length,
    p50Ms,
    p99Ms,
    maxMs,
    measures: first.measures,
    processes: summarizeProcesses(runs.map((r) => r.processes)),
    ...summarizeVerifications(runs.map((r) => r.verification)),
  };
}

/** A ratio of two rows' medians (D/C, D/B, B/A); undefined when either is missing. */
export function ratioOf(numerator: Spread | undefined, denominator: Spread | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined || denominator.median === 0) return undefined;
  return numerator.median / denominator.median;
}

/** The CPU seconds of one run's processes but the broker. */
function ownCpuSeconds(processes: readonly ProcessUsage[]): number {
  return processes.filter((p) => p.label !== BROKER_LABEL).reduce((sum, p) => sum + p.cpuSeconds, 0);
}

/** Each process's figures across runs, by label, in the order the labels first appear. */
export function summarizeProcesses(runs: readonly (readonly ProcessUsage[])[]): ProcessSummary[] {
  const labels = [...new Set(runs.flatMap((processes) => processes.map((p) => p.label)))];
  return labels.flatMap((label) => {
    const usages = runs.flatMap((processes) => processes.filter((p) => p.label === label));
    const peakRssMb = spreadOf(usages.map((u) => u.peakRssMb));
    const cpuSeconds = spreadOf(usages.map((u) => u.cpuSeconds));
    return peakRssMb === undefined || cpuSeconds === undefined ? [] : [{ label, peakRssMb, cpuSeconds }];
  });
}

/** How the runs were checked ("3/3 byte-for-byte"), or the first failed check and how many failed. */
export function summarizeVerifications(verifications: readonly Verification[]): {
  verified: string;
  isVerified: boolean;
} {
  const failed = verifications.filter((v) => !v.isOk);
  if (failed.length > 0)
    return {
      verified: `FAILED ${failed.length}/${verifications.length}: ${failed[0]?.detail ?? ""}`,
      isVerified: false,
    };
  const methods = [...new Set(verifications.map((v) => v.method))].join(" / ");
  const redelivered = verifications.filter((v) => v.method === "line multiset");
  const note = redelivered.length > 0 ? ` (${redelivered.map((v) => v.detail).join("; ")})` : "";
  return { verified: `${verifications.length}/${verifications.length} ${methods}${note}`, isVerified: true };
}
