import type { KafkaClient } from "@connect-mesh/kafka";
import { type DeadLetterSelection, isSelected } from "./dead-letter-selection.js";
import { type KafkaRecord, partitionBounds, readRange } from "./kafka-record-reader.js";

/** The next offset to be written, per partition of a topic, at one moment. */
export type TopicEnds = ReadonlyMap<number, bigint>;

/**
 * Hands each selected record of the dead-letter topic to `onRecord`, in offset order per partition, as the
 * topic is when the call starts: records parked meanwhile (by a replay, say) are not read. Returns where
 * the topic ended then.
 */
export async function readDeadLetters(
  kafka: KafkaClient,
  topic: string,
  selection: DeadLetterSelection,
  onRecord: (record: KafkaRecord) => void | Promise<void>,
): Promise<TopicEnds> {
  const bounds = await partitionBounds(kafka, topic);
  const ranges = new Map(
    [...bounds].map(([partition, { low, high }]) => [
      partition,
      { from: laterOf(selection.fromOffset ?? low, low), to: high },
    ]),
  );
  await readRange(kafka, topic, ranges, async (record) => {
    if (isSelected(record, selection)) await onRecord(record);
  });
  return new Map([...bounds].map(([partition, { high }]) => [partition, high]));
}

/** The records parked in `topic` after `since` (an earlier `readDeadLetters`) that `isWanted` accepts. */
export async function parkedSince(
  kafka: KafkaClient,
  topic: string,
  since: TopicEnds,
  isWanted: (record: KafkaRecord) => boolean,
): Promise<KafkaRecord[]> {
  const bounds = await partitionBounds(kafka, topic);
  const ranges = new Map(
    [...bounds].map(([partition, { low, high }]) => {
      return [partition, { from: laterOf(since.get(partition) ?? low, low), to: high }];
    }),
  );
  const found: KafkaRecord[] = [];
  await readRange(kafka, topic, ranges, (record) => {
    if (isWanted(record)) found.push(record);
  });
  return found;
}

/** The later of two offsets (Math.max takes no bigint). */
function laterOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
