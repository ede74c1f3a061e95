import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import type { Consumer, Kafka, KafkaMessage } from "kafkajs";
import { waitForTopic } from "./topic-reader.js";

/** Every message of one topic from its start, gathered as they arrive, for tests that watch a topic grow. */
export class TopicCollector {
  readonly messages: KafkaMessage[] = [];

  private constructor(
    readonly topic: string,
    private readonly consumer: Consumer,
  ) {}

  /**
   * Starts collecting `topic` from its first message with a throwaway group. The topic may not exist yet (a
   * source connector creates it with its first record): this waits for it first.
   */
  static async start(kafka: Kafka, topic: string): Promise<TopicCollector> {
    await waitForTopic(kafka, topic);
    const consumer = kafka.consumer({ groupId: `collector-${randomUUID()}` });
    const collector = new TopicCollector(topic, consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void collector.messages.push(message) });
    return collector;
  }

  /** The JSON-envelope payloads collected so far (what JsonConverter with schemas writes), in order. */
  payloads(): Record<string, unknown>[] {
    return this.messages.map(
      (m) => (JSON.parse(m.value?.toString() ?? "null") as { payload: Record<string, unknown> }).payload,
    );
  }

  /** Waits until the payloads collected satisfy `isDone`, and returns them. */
  async waitForPayloads(
    isDone: (payloads: Record<string, unknown>[]) => boolean,
    description: string,
    timeoutMs = 60_000,
  ): Promise<Record<string, unknown>[]> {
    return waitFor(() => this.payloads(), isDone, {
      timeoutMs,
      description: `${this.topic}: ${description}`,
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
