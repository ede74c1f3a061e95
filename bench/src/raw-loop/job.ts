/** What a raw client loop program (row B's or B2's) is asked to do, passed as JSON on its command line. */
export type RawLoopJob =
  | {
      readonly kind: "throughput";
      readonly bootstrap: string;
      readonly topic: string;
      readonly lines: number;
      readonly lineBytes: number;
    }
  | {
      readonly kind: "latency";
      readonly bootstrap: string;
      readonly topic: string;
      readonly ratePerSec: number;
      readonly warmupLines: number;
      readonly measuredLines: number;
      readonly lineBytes: number;
    };

/** What it reports (one JSON line on stdout). */
export interface RawLoopReport {
  /** From the first send to the last record consumed and committed. */
  readonly seconds: number;
  /** From the first send to the last send acked. */
  readonly produceSeconds: number;
  /** Latencies of the measured lines, in ms (latency jobs only). */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly maxMs?: number;
  /** Whether every record came back once, in order, with the bytes sent. */
  readonly isVerified: boolean;
  readonly verificationDetail: string;
  /** This process's own CPU time over the measurement, and its peak resident memory. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}
