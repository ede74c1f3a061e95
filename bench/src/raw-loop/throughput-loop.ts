import { jsonConverterEnvelope, throughputLine } from "../lines.js";
import type { RawLoopJob, RawLoopReport } from "./job.js";
import type { LoopClients } from "./loop-clients.js";
import { produceAndConsume } from "./produce-and-consume.js";
import { RECORDS_PER_SEND } from "./worker-batching.js";

const expectedValue = (sequence: number, lineBytes: number) =>
  jsonConverterEnvelope(throughputLine(sequence, lineBytes).slice(0, -1));

/**
 * Produces the workload's lines (as JsonConverter envelopes) in batches as fast as the broker acks them,
 * while one consumer in the same process reads them back and checks each: the Node ceiling of a worker
 * that runs a source task and a sink task side by side on one thread.
 */
export async function runThroughput(
  clients: LoopClients,
  job: Extract<RawLoopJob, { kind: "throughput" }>,
): Promise<RawLoopReport> {
  let mismatches = 0;
  const timing = await produceAndConsume(
    clients,
    job.lines,
    (value, index) => {
      if (value?.toString() !== expectedValue(index, job.lineBytes)) mismatches += 1;
    },
    async (send) => {
      for (let first = 0; first < job.lines; first += RECORDS_PER_SEND) {
        const values: string[] = [];
        for (let s = first; s < Math.min(job.lines, first + RECORDS_PER_SEND); s++)
          values.push(expectedValue(s, job.lineBytes));
        await send(values);
      }
    },
  );
  return {
    ...timing,
    isVerified: mismatches === 0,
    verificationDetail:
      mismatches === 0
        ? `all ${job.lines} records consumed once, in order, with the bytes produced`
        : `${mismatches} of ${job.lines} records came back different or out of order`,
  };
}
