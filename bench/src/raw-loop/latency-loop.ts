import { setTimeout as delay } from "node:timers/promises";
import { nowMicros } from "../clock.js";
import { latencySummary } from "../latency-summary.js";
import { jsonConverterEnvelope, latencyLine, parseLatencyLine } from "../lines.js";
import type { RawLoopJob, RawLoopReport } from "./job.js";
import type { LoopClients, OnValue } from "./loop-clients.js";
import { produceAndConsume } from "./produce-and-consume.js";
import { RECORDS_PER_SEND } from "./worker-batching.js";

/**
 * Produces lines at a fixed rate, each stamped with the moment it was handed to the producer, while a
 * consumer in the same process takes the time each one arrives: produce → consume latency through the
 * broker with the worker's settings. Whatever is due is sent as one batch (at most 2,000), awaiting the
 * acks as the worker does, so a slow ack delays the next batch, as it would in the worker.
 */
export async function runLatency(
  clients: LoopClients,
  job: Extract<RawLoopJob, { kind: "latency" }>,
): Promise<RawLoopReport> {
  const total = job.warmupLines + job.measuredLines;
  const latenciesMs = new Float64Array(job.measuredLines);
  let outOfOrder = 0;
  const onValue: OnValue = (value, index) => {
    const arrivedAt = nowMicros();
    const payload = (JSON.parse(value?.toString() ?? "null") as { payload?: string } | null)?.payload;
    const line = payload === undefined ? undefined : parseLatencyLine(payload);
    if (line?.sequence !== index) outOfOrder += 1;
    if (line !== undefined && index >= job.warmupLines)
      latenciesMs[index - job.warmupLines] = (arrivedAt - line.writtenAtMicros) / 1000;
  };
  const produceAtRate = async (send: (values: readonly string[]) => Promise<void>) => {
    const startedAt = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * job.ratePerSec));
      const count = Math.min(due - sent, RECORDS_PER_SEND);
      if (count <= 0) {
        await delay(1);
        continue;
      }
      const writtenAt = nowMicros();
      const values: string[] = [];
      for (let s = sent; s < sent + count; s++)
        values.push(jsonConverterEnvelope(latencyLine(s, writtenAt, job.lineBytes).slice(0, -1)));
      await send(values);
      sent += count;
    }
  };
  const timing = await produceAndConsume(clients, total, onValue, produceAtRate);
  return {
    ...timing,
    ...latencySummary(latenciesMs),
    isVerified: outOfOrder === 0,
    verificationDetail:
      outOfOrder === 0
        ? `all ${total} records consumed once, in order`
        : `${outOfOrder} of ${total} records came back unreadable or out of order`,
  };
}
