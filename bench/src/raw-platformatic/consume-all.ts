import { type Consumer, MessagesStreamFallbackModes, MessagesStreamModes } from "@platformatic/kafka";
import type { OnValue } from "../raw-loop/loop-clients.js";
import { RECORDS_PER_COMMIT } from "../raw-loop/worker-batching.js";

/**
 * Consumes `count` records from the start of `topic` as the worker's sink task does, handing each one's
 * value to `onValue` in order and committing after every 2,000th record and after the last, each commit
 * awaited before the next record is handled. Resolves once the group has joined (the client joins before
 * it hands over the stream), with a promise of the moment (performance.now()) the last record was committed.
 *
 * Unlike kafkajs, the client has no batches to hand over: its stream keeps up to `highWaterMark` (its
 * default, 1,024) records fetched ahead, also while a commit is awaited.
 */
export async function consumeAll(
  consumer: Consumer,
  topic: string,
  count: number,
  onValue: OnValue,
): Promise<{ readonly allCommitted: Promise<number> }> {
  const stream = await consumer.consume({
    topics: [topic],
    // A fresh group has no committed offsets, so it starts at the beginning, as kafkajs's fromBeginning does.
    mode: MessagesStreamModes.COMMITTED,
    fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    autocommit: false,
  });
  const allCommitted = (async () => {
    let consumed = 0;
    for await (const message of stream) {
      onValue(message.value, consumed++);
      if (consumed % RECORDS_PER_COMMIT === 0 || consumed === count) await message.commit();
      if (consumed >= count) return performance.now();
    }
    throw new Error(`the stream of topic ${topic} ended after ${consumed} of its ${count} records`);
  })();
  return { allCommitted };
}
