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
