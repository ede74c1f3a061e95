import type { Kafka, Message } from "kafkajs";
import { jsonConverterEnvelope, throughputLine } from "../lines.js";
import type { RawKafkajsJob, RawKafkajsReport } from "./job.js";
import { produceAndConsume } from "./produce-and-consume.js";
import { RECORDS_PER_SEND } from "./worker-settings.js";

const expectedValue = (sequence: number, lineBytes: number) =>
  jsonConverterEnvelope(throughputLine(sequence, lineBytes).slice(0, -1));

/**
 * Produces the workload's lines (as JsonConverter envelopes) in batches as fast as the broker acks them,
 * while one consumer in the same process reads them back and checks each: the Node ceiling of a worker
 * that runs a source task and a sink task side by side on one thread.
 */
export async function runThroughput(
  kafka: Kafka,
  job: Extract<RawKafkajsJob, { kind: "throughput" }>,
): Promise<RawKafkajsReport> {
  let mismatches = 0;
  const timing = await produceAndConsume(
    kafka,
    job.topic,
    job.lines,
    (message, index) => {
      if (message.value?.toString() !== expectedValue(index, job.lineBytes)) mismatches += 1;
    },
    async (send) => {
      for (let first = 0; first < job.lines; first += RECORDS_PER_SEND) {
        const messages: Message[] = [];
        for (let s = first; s < Math.min(job.lines, first + RECORDS_PER_SEND); s++)
          messages.push({ value: expectedValue(s, job.lineBytes) });
        await send(messages);
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
