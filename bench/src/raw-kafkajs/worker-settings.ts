import { type Consumer, type Kafka, type Message, Partitioners, type Producer } from "kafkajs";

/**
 * The settings the mesh's worker uses, so that row B is the ceiling for exactly what row D does:
 * FileStreamSource's batch.size (2,000 lines) per send; the source producer of
 * services/worker/src/source-task.ts (idempotent, one request in flight, acks=all, one batch awaited at
 * a time); the sink consumer of services/worker/src/sink-task.ts (10 s session, no auto-commit, offsets
 * committed every 2,000 records).
 */
export const RECORDS_PER_SEND = 2_000;
export const RECORDS_PER_COMMIT = 2_000;

export function createWorkerLikeProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/**
 * The most value bytes per send, under the broker's default message.max.bytes (1 MiB) with room for the
 * record batch's own overhead: kafkajs puts one send's records for a partition in one record batch.
 */
const MAX_BYTES_PER_SEND = 1_000_000;

/**
 * Sends one source batch as the worker's source task does, and waits for the broker's acks. Unlike the
 * worker, it splits a batch whose records would not fit the broker's limit into several sends, one after
 * the other: 2,000 lines of 1 KB are a 2.2 MB record batch, which the broker refuses (MESSAGE_TOO_LARGE).
 */
export async function sendLikeWorker(producer: Producer, topic: string, messages: Message[]): Promise<void> {
  let first = 0;
  while (first < messages.length) {
    let end = first;
    let bytes = 0;
    while (
      end < messages.length &&
      (end === first || bytes + valueBytes(messages[end]) <= MAX_BYTES_PER_SEND)
    ) {
      bytes += valueBytes(messages[end]);
      end += 1;
    }
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: messages.slice(first, end) }] });
    first = end;
  }
}

function valueBytes(message: Message | undefined): number {
  const value = message?.value;
  if (value === null || value === undefined) return 0;
  return typeof value === "string" ? Buffer.byteLength(value) : value.length;
}

export function createWorkerLikeConsumer(kafka: Kafka, groupId: string): Consumer {
  return kafka.consumer({ groupId, sessionTimeout: 10_000 });
}
