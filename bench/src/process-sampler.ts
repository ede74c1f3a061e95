import { type ProcReading, readProc } from "./proc-stats.js";

/** The broker's line in every row's processes: shared by all rows, so no row's own cost. */
export const BROKER_LABEL = "broker";

/** How a process is read: `readProc` for one process, or a reading of a whole tree (`readProcTree`). */
export type ProcReader = (pid: number) => Promise<ProcReading | undefined>;

/** A process to sample: its label in the tables, its pid, and how to read it when not as one process. */
export interface SampledProcess {
  readonly label: string;
  readonly pid: number;
  readonly read?: ProcReader;
}

/** What one process used during a measurement. */
export interface ProcessUsage {
  /** "worker", "broker", "connect", ... */
  readonly label: string;
  /** The highest resident set size seen while sampling. */
  readonly peakRssMb: number;
  /** CPU time (user + system) spent between start and stop, or since it started if it started later. */
  readonly cpuSeconds: number;
}

interface Tracked {
  readonly label: string;
  readonly pid: number;
  readonly read: ProcReader;
  readonly cpuAtStart: number;
  peakRssBytes: number;
  lastCpuSeconds: number;
}

/**
 * Samples the resident memory of a set of processes every `intervalMs` while a measurement runs, and
 * their CPU time at its start and end. Reading /proc costs a few microseconds, so sampling does not
 * disturb what it measures; a peak shorter than the interval can be missed.
 */
export class ProcessSampler {
  private readonly tracked: Tracked[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();
  private stopped: Promise<ProcessUsage[]> | undefined;

  constructor(private readonly intervalMs = 100) {}

  /**
   * Starts tracking a process: one already running (its CPU counts from now) or one just started. `read`
   * reads it (by default as one process; `readProcTree` for a server of many).
   */
  async track(label: string, pid: number, read: ProcReader = readProc): Promise<void> {
    const reading = await read(pid);
    this.tracked.push({
      label,
      pid,
      read,
      cpuAtStart: reading?.cpuSeconds ?? 0,
      peakRssBytes: reading?.rssBytes ?? 0,
      lastCpuSeconds: reading?.cpuSeconds ?? 0,
    });
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(() => this.sampleAll());
    }, this.intervalMs);
    this.timer.unref();
  }

  /**
   * Takes a last sample and returns each process's usage, in the order they were tracked. Stopping again
   * (in a `finally`, say) returns the same figures.
   */
  stop(): Promise<ProcessUsage[]> {
    this.stopped ??= this.finish();
    return this.stopped;
  }

  private async finish(): Promise<ProcessUsage[]> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sampleAll();
    return this.tracked.map((t) => ({
      label: t.label,
      peakRssMb: t.peakRssBytes / (1024 * 1024),
      cpuSeconds: t.lastCpuSeconds - t.cpuAtStart,
    }));
  }

  private async sampleAll(): Promise<void> {
    await Promise.all(
      this.tracked.map(async (t) => {
        const reading = await t.read(t.pid);
        if (reading === undefined) return;
        t.peakRssBytes = Math.max(t.peakRssBytes, reading.rssBytes);
        t.lastCpuSeconds = reading.cpuSeconds;
      }),
    );
  }
}
