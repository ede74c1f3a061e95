import type { Consumer } from "kafkajs";
import type { OnValue } from "../raw-loop/loop-clients.js";
import { RECORDS_PER_COMMIT } from "../raw-loop/worker-batching.js";

/**
 * Consumes `count` records from the start of `topic` as the worker's sink task does (batches of at most
 * 2,000 records, each committed before the next), handing each one's value to `onValue` in order. Resolves once
 * the group has joined, with a promise of the moment (performance.now()) the last record was committed.
 */
export async function consumeAll(
  consumer: Consumer,
  topic: string,
  count: number,
  onValue: OnValue,
): Promise<{ readonly allCommitted: Promise<number> }> {
  let consumed = 0;
  let finished: (at: number) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const allCommitted = new Promise<number>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  // kafkajs restarts a consumer after a retriable crash by itself (a group still loading on a broker just
  // started, for one), as the worker's sink task lets it: only a crash it gives up on ends the loop.
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) failed(event.payload.error);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (let start = 0; start < batch.messages.length; start += RECORDS_PER_COMMIT) {
        const messages = batch.messages.slice(start, start + RECORDS_PER_COMMIT);
        const last = messages[messages.length - 1];
        if (last === undefined) return;
        for (const message of messages) onValue(message.value ?? undefined, consumed++);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: String(BigInt(last.offset) + 1n) },
        ]);
        resolveOffset(last.offset);
        await heartbeat();
        if (consumed >= count) finished(performance.now());
      }
    },
  });
  await joined;
  return { allCommitted };
}
