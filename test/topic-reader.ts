import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import type { Kafka, KafkaMessage } from "kafkajs";

/**
 * Every message of `topic` once there are at least `count`, read from the start with a throwaway group. The
 * topic may not exist yet (a source connector creates it with its first record): the read waits for it.
 */
export async function readTopic(kafka: Kafka, topic: string, count: number): Promise<KafkaMessage[]> {
  await waitForTopic(kafka, topic);
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await waitFor(
      () => messages.length,
      (n) => n >= count,
      { timeoutMs: 60_000, description: `${count} messages in ${topic}` },
    );
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Waits until `topic` exists: a source connector creates it with its first record. */
export async function waitForTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      () => admin.listTopics(),
      (topics) => topics.includes(topic),
      { timeoutMs: 60_000, description: `topic ${topic} to exist` },
    );
  } finally {
    await admin.disconnect();
  }
}
