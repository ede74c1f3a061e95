import type { Kafka, KafkaMessage, Message } from "kafkajs";
import { consumeAll } from "./consume-all.js";
import { measuredUsage, startUsage } from "./self-usage.js";
import { createWorkerLikeConsumer, createWorkerLikeProducer, sendLikeWorker } from "./worker-settings.js";

/** How long a produce-and-consume run took, and what this process spent on it. */
export interface LoopTiming {
  /** From the first send to the last record consumed and committed. */
  readonly seconds: number;
  /** From the first send to the last send acked. */
  readonly produceSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

/**
 * Runs a worker-like producer and consumer side by side in this process: once the consumer's group has
 * joined (so joining is not timed), `produce` sends batches through `send` while `onMessage` sees every
 * record consumed; resolves when `count` records have been consumed and committed.
 */
export async function produceAndConsume(
  kafka: Kafka,
  topic: string,
  count: number,
  onMessage: (message: KafkaMessage, index: number) => void,
  produce: (send: (messages: Message[]) => Promise<void>) => Promise<void>,
): Promise<LoopTiming> {
  const producer = createWorkerLikeProducer(kafka);
  const consumer = createWorkerLikeConsumer(kafka, `bench-${topic}`);
  await producer.connect();
  try {
    const { allCommitted } = await consumeAll(consumer, topic, count, onMessage);
    const usage = startUsage();
    const startedAt = performance.now();
    await produce((messages) => sendLikeWorker(producer, topic, messages));
    const producedAt = performance.now();
    const committedAt = await allCommitted;
    return {
      seconds: (committedAt - startedAt) / 1000,
      produceSeconds: (producedAt - startedAt) / 1000,
      ...measuredUsage(usage),
    };
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  }
}
