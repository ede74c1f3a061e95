import type { Kafka, Message } from "kafkajs";
import { createWorkerLikeProducer, sendLikeWorker } from "./raw-kafkajs/worker-settings.js";
import { RECORDS_PER_SEND } from "./raw-loop/worker-batching.js";
import { searchDocumentValue } from "./search-documents.js";

/**
 * Produces row F's records 1 to `documents` into `topic`, with no key, as the worker's source tasks produce
 * (row B's producer: idempotent, acks=all, 2,000 records a send, each send awaited). One send's records
 * are made at a time, so memory stays bounded whatever the count.
 */
export async function fillSearchTopic(
  kafka: Kafka,
  topic: string,
  documents: number,
  signal: AbortSignal,
): Promise<void> {
  const producer = createWorkerLikeProducer(kafka);
  await producer.connect();
  try {
    for (let first = 1; first <= documents; first += RECORDS_PER_SEND) {
      signal.throwIfAborted();
      const last = Math.min(documents, first + RECORDS_PER_SEND - 1);
      const messages: Message[] = [];
      for (let id = first; id <= last; id++) messages.push({ value: searchDocumentValue(id) });
      await sendLikeWorker(producer, topic, messages);
    }
  } finally {
    await producer.disconnect();
  }
}
