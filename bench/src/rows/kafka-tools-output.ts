/** What ProducerPerformance printed in its summary line. */
export interface ProducerSummary {
  readonly records: number;
  readonly recordsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** What ConsumerPerformance printed in its CSV line. */
export interface ConsumerSummary {
  readonly records: number;
  /** Records per second while fetching, without the time the group took to form (`fetch.nMsg.sec`). */
  readonly fetchRecordsPerSec: number;
}

const PRODUCER_SUMMARY =
  /^(\d+) (?:steady state )?records sent, ([\d.]+) records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th/;

/**
 * The summary of ProducerPerformance's output: the steady-state line when a warm-up was asked for (it
 * comes last), else the line for the whole test. The per-interval progress lines have no percentiles.
 */
export function parseProducerPerformance(output: string): ProducerSummary | undefined {
  const summaries = output
    .split("\n")
    .map((line) => PRODUCER_SUMMARY.exec(line.trim()))
    .filter((match) => match !== null);
  const last = summaries[summaries.length - 1];
  if (last === undefined) return undefined;
  return {
    records: Number(last[1]),
    recordsPerSec: Number(last[2]),
    maxMs: Number(last[3]),
    p50Ms: Number(last[4]),
    p99Ms: Number(last[5]),
  };
}

/** ConsumerPerformance's result: the CSV line under its header, read by the header's column names. */
export function parseConsumerPerformance(output: string): ConsumerSummary | undefined {
  const lines = output.split("\n").map((line) => line.trim());
  const headerAt = lines.findIndex((line) => line.startsWith("start.time,"));
  const header = lines[headerAt]?.split(",").map((c) => c.trim());
  const values = lines[headerAt + 1]?.split(",").map((c) => c.trim());
  if (headerAt === -1 || header === undefined || values === undefined) return undefined;
  const column = (name: string) => Number(values[header.indexOf(name)]);
  const records = column("data.consumed.in.nMsg");
  const fetchRecordsPerSec = column("fetch.nMsg.sec");
  if (!Number.isFinite(records) || !Number.isFinite(fetchRecordsPerSec)) return undefined;
  return { records, fetchRecordsPerSec };
}
