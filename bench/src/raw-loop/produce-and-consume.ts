import type { LoopClients, OnValue } from "./loop-clients.js";
import { measuredUsage, startUsage } from "./self-usage.js";

/** How long a produce-and-consume run took, and what this process spent on it. */
export interface LoopTiming {
  /** From the first send to the last record consumed and committed. */
  readonly seconds: number;
  /** From the first send to the last send acked. */
  readonly produceSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

/**
 * Runs a worker-like producer and consumer side by side in this process: once the consumer's group has
 * joined (so joining is not timed), `produce` sends batches through `send` while `onValue` sees every
 * record consumed; resolves when `count` records have been consumed and committed. The clients are closed
 * at the end, also after a failure.
 */
export async function produceAndConsume(
  clients: LoopClients,
  count: number,
  onValue: OnValue,
  produce: (send: (values: readonly string[]) => Promise<void>) => Promise<void>,
): Promise<LoopTiming> {
  try {
    const { allCommitted } = await clients.startConsuming(count, onValue);
    const usage = startUsage();
    const startedAt = performance.now();
    // Awaited together, so a consumer that fails while the producer still sends fails the run at once.
    const [producedAt, committedAt] = await Promise.all([
      produce((values) => clients.send(values)).then(() => performance.now()),
      allCommitted,
    ]);
    return {
      seconds: (committedAt - startedAt) / 1000,
      produceSeconds: (producedAt - startedAt) / 1000,
      ...measuredUsage(usage),
    };
  } finally {
    await clients.close();
  }
}
