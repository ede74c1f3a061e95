import { type Consumer, type Kafka, type Message, Partitioners, type Producer } from "kafkajs";
import { MAX_BYTES_PER_SEND, splitUnderBytes } from "../raw-loop/worker-batching.js";

/**
 * The kafkajs settings the mesh's worker uses, so that row B is the ceiling for exactly what row D does:
 * the source producer of libs/kafka/src/client-profiles.ts (idempotent, one request in flight, acks=all),
 * one batch awaited at a time as services/worker/src/source-task.ts sends them; the sink consumer of the
 * same file (10 s session), without auto-commit, offsets committed every 2,000 records as
 * services/worker/src/sink-task.ts does.
 */
export function createWorkerLikeProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/**
 * Sends one source batch as the worker's source task does, and waits for the broker's acks, splitting a
 * batch whose records would not fit the broker's limit into several sends, one after the other.
 */
export async function sendLikeWorker(producer: Producer, topic: string, messages: Message[]): Promise<void> {
  for (const run of splitUnderBytes(messages, valueBytes, MAX_BYTES_PER_SEND))
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: run }] });
}

function valueBytes(message: Message): number {
  const value = message.value;
  if (value === null || value === undefined) return 0;
  return typeof value === "string" ? Buffer.byteLength(value) : value.length;
}

export function createWorkerLikeConsumer(kafka: Kafka, groupId: string): Consumer {
  return kafka.consumer({ groupId, sessionTimeout: 10_000 });
}
