import { waitFor } from "@connect-mesh/async";
import type { Admin, Kafka } from "kafkajs";

/**
 * Creates the topic a run uses: one partition, as the file connectors use, so the sink keeps the order.
 * It waits for the partition's leader itself: kafkajs's `waitForLeaders` gives up at once when a KRaft
 * broker's metadata does not list a topic created a moment ago, which happens on a busy machine.
 */
export async function createBenchTopic(admin: Admin, topic: string): Promise<void> {
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    waitForLeaders: false,
  });
  await waitFor(
    () => admin.fetchTopicMetadata({ topics: [topic] }),
    (metadata) => (metadata.topics[0]?.partitions[0]?.leader ?? -1) >= 0,
    { timeoutMs: 30_000, intervalMs: 100, description: `a leader for topic ${topic}` },
  );
}

/** Deletes a run's topic, so a full bench does not fill the disk with gigabytes of old records. */
export async function deleteBenchTopic(admin: Admin, topic: string): Promise<void> {
  await admin.deleteTopics({ topics: [topic] });
}

/**
 * The timestamp of a topic's first record. Both Connect (the producer stamps a record it sends without
 * one) and the mesh (the file source stamps each batch it reads) set it when the line is read, so it is
 * the moment a file pipeline's clock starts.
 */
export async function firstRecordTimestampMs(
  kafka: Kafka,
  topic: string,
  signal: AbortSignal,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-first-record-${topic}`, sessionTimeout: 10_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const first = new Promise<number>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      void consumer
        .run({
          eachBatch: async ({ batch }) => {
            const first = batch.messages[0];
            if (first !== undefined) resolve(Number(first.timestamp));
          },
        })
        .catch(reject);
    });
    return await first;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * The timestamp of the last record of a topic's one partition: when the source side produced it (the
 * producer stamps a record it sends without one). The bench's producers are idempotent, not
 * transactional, so the last offset holds a record, not a transaction marker.
 */
export async function lastRecordTimestampMs(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  signal: AbortSignal,
): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const high = BigInt(offsets.find((p) => p.partition === 0)?.high ?? "0");
  if (high === 0n) throw new Error(`topic ${topic} has no records, so no last one`);
  const lastOffset = String(high - 1n);
  const consumer = kafka.consumer({ groupId: `bench-last-record-${topic}`, sessionTimeout: 10_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const last = new Promise<number>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      void consumer
        .run({
          eachBatch: async ({ batch }) => {
            const found = batch.messages.find((m) => m.offset === lastOffset);
            if (found !== undefined) resolve(Number(found.timestamp));
          },
        })
        .then(() => consumer.seek({ topic, partition: 0, offset: lastOffset }))
        .catch(reject);
    });
    return await last;
  } finally {
    await consumer.disconnect();
  }
}
