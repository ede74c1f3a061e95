import { type KafkaClient, lastHeaderText, type MessageHeaders } from "@connect-mesh/kafka";
import { CommandError } from "./command-error.js";
import type { RecordPosition } from "./record-position.js";

/** A record read back from Kafka, its headers as text. */
export interface KafkaRecord extends RecordPosition {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: ReadonlyMap<string, string>;
  /** The headers as consumed, bytes and all, for copying a record on (`dlq replay`). */
  readonly rawHeaders: MessageHeaders;
  /** Milliseconds since the epoch, as text (the Kafka client's form). */
  readonly timestamp: string;
}

/** How long reading may take before giving up with a message. */
const READ_TIMEOUT_MS = 60_000;

/** Reads the record at `position`; throws a CommandError when there is none there. */
export async function readRecordAt(kafka: KafkaClient, position: RecordPosition): Promise<KafkaRecord> {
  const { topic, partition, offset } = position;
  const bounds = await partitionBounds(kafka, topic);
  const range = bounds.get(partition);
  if (range === undefined) throw new CommandError(`topic "${topic}" has no partition ${partition}`);
  if (BigInt(offset) < range.low || BigInt(offset) >= range.high) {
    throw new CommandError(
      `${topic}:${partition} holds offsets ${range.low} to ${range.high - 1n}; there is no record at ${offset}`,
    );
  }
  let found: KafkaRecord | undefined;
  await readRange(
    kafka,
    topic,
    new Map([[partition, { from: BigInt(offset), to: BigInt(offset) + 1n }]]),
    (record) => {
      if (record.offset === offset) found = record;
    },
  );
  if (found === undefined) {
    throw new CommandError(
      `no record at ${topic}:${partition}:${offset} (compacted away or a transaction marker)`,
    );
  }
  return found;
}

/** The newest record of `topic` whose key, as UTF-8 text, is `key`; undefined when none has it. */
export async function findRecordByKey(
  kafka: KafkaClient,
  topic: string,
  key: string,
): Promise<KafkaRecord | undefined> {
  const bounds = await partitionBounds(kafka, topic);
  const ranges = new Map(
    [...bounds].map(([partition, range]) => [partition, { from: range.low, to: range.high }]),
  );
  let newest: KafkaRecord | undefined;
  await readRange(kafka, topic, ranges, (record) => {
    // A key's records share a partition, where offsets order them; timestamps order the rest.
    if (record.key?.toString("utf8") !== key) return;
    if (newest === undefined || Number(record.timestamp) >= Number(newest.timestamp)) newest = record;
  });
  return newest;
}

/** Each partition of `topic` and its offsets: the first kept (`low`) and the next to be written (`high`). */
export async function partitionBounds(
  kafka: KafkaClient,
  topic: string,
): Promise<Map<number, { readonly low: bigint; readonly high: bigint }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic).catch((error: unknown) => {
      throw new CommandError(
        `cannot read topic "${topic}": ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    });
    return new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads each given partition from `from` up to (not including) `to`, then stops; `onRecord` is awaited
 * before the next record. A throwaway consumer group that never commits, so nothing about the topic's
 * real consumers changes.
 */
export async function readRange(
  kafka: KafkaClient,
  topic: string,
  ranges: ReadonlyMap<number, { readonly from: bigint; readonly to: bigint }>,
  onRecord: (record: KafkaRecord) => void | Promise<void>,
): Promise<void> {
  const pending = new Set([...ranges].filter(([, r]) => r.from < r.to).map(([partition]) => partition));
  if (pending.size === 0) return;
  const consumer = kafka.readerConsumer("cmesh-read", { retries: 2 });
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new CommandError(`reading ${topic} took longer than ${READ_TIMEOUT_MS / 1000} s; is Kafka up?`),
          ),
        READ_TIMEOUT_MS,
      );
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      consumer
        .subscribe({ topics: [topic], fromBeginning: true })
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const range = ranges.get(partition);
              if (range === undefined || !pending.has(partition)) return;
              const offset = BigInt(message.offset);
              if (offset >= range.from && offset < range.to) {
                try {
                  await onRecord({
                    topic,
                    partition,
                    offset: message.offset,
                    key: message.key,
                    value: message.value,
                    headers: headersOf(message.headers),
                    rawHeaders: message.headers ?? {},
                    timestamp: message.timestamp,
                  });
                } catch (error) {
                  // Thrown into the consumer, it would hand the message over again; the caller's failure
                  // ends the read.
                  pending.clear();
                  clearTimeout(timer);
                  reject(error);
                  return;
                }
              }
              if (offset + 1n >= range.to) {
                pending.delete(partition);
                if (pending.size === 0) done();
              }
            },
          }),
        )
        .then(() => {
          for (const [partition, range] of ranges)
            consumer.seek({ topic, partition, offset: String(range.from) });
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Header values as text (the last, if a header repeats); a header without a value is left out. */
function headersOf(headers: MessageHeaders | undefined): Map<string, string> {
  const text = new Map<string, string>();
  for (const name of Object.keys(headers ?? {})) {
    const last = lastHeaderText(headers, name);
    if (last !== undefined) text.set(name, last);
  }
  return text;
}
