import {
  type Admin,
  createTopic,
  type KafkaClient,
  type OutgoingMessage,
  type Producer,
} from "@connect-mesh/kafka";
import type { HopSpan, TaskMetrics } from "@connect-mesh/telemetry";
import type { Logger } from "pino";

/** A dead-letter copy waiting for its send, and the span of its hop, ended once Kafka has it. */
interface PendingDeadLetter {
  readonly message: OutgoingMessage;
  readonly span: HopSpan;
}

/**
 * A task's dead-letter queue: the topic named by `errors.deadletterqueue.topic.name`, created on first use
 * (one partition, as Connect creates it, with the configured replication factor capped to the brokers
 * there are), written by a producer of its own (idempotent, acks=all). Copies are queued while a batch is
 * processed and sent by `flush`, which the task awaits before it commits the offsets that cover them: a
 * record is never both skipped and lost.
 */
export class DeadLetterQueue {
  private pending: PendingDeadLetter[] = [];

  private constructor(
    readonly topic: string,
    private readonly producer: Producer,
    private readonly metrics: TaskMetrics,
  ) {}

  /** Creates the topic if it is missing and connects the producer. */
  static async open(options: {
    readonly kafka: KafkaClient;
    readonly admin: Admin;
    readonly topic: string;
    readonly replicationFactor: number;
    readonly metrics: TaskMetrics;
    readonly logger: Logger;
  }): Promise<DeadLetterQueue> {
    const { kafka, admin, topic, metrics, logger } = options;
    await createDeadLetterTopic(admin, topic, options.replicationFactor, logger);
    const producer = kafka.producer("dead-letter");
    await producer.connect();
    return new DeadLetterQueue(topic, producer, metrics);
  }

  /** Queues a copy for the next `flush`; `span` is its dead-letter hop, ended when the send is done. */
  add(message: OutgoingMessage, span: HopSpan): void {
    this.pending.push({ message, span });
  }

  /** Whether copies wait for `flush`. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Sends every queued copy and waits for Kafka's ack. A failed send throws: the task then stops before
   * committing, so the failed records are read (and fail) again after its restart.
   */
  async flush(): Promise<void> {
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    try {
      await this.producer.send({ topic: this.topic, acks: -1, messages: pending.map((p) => p.message) });
    } catch (error) {
      for (const { span } of pending) {
        this.metrics.observeDeadLetterProduce(false);
        span.fail(error);
        span.end();
      }
      throw error;
    }
    for (const { span } of pending) {
      this.metrics.observeDeadLetterProduce(true);
      span.end();
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/**
 * Creates a dead-letter queue topic (or its replay topic) if it is missing: one partition, as Connect
 * creates its DLQ, with `replicationFactor` capped to the brokers there are (-1 leaves it to the broker).
 */
export async function createDeadLetterTopic(
  admin: Admin,
  topic: string,
  requestedReplicationFactor: number,
  logger: Logger,
): Promise<void> {
  const { created, replicationFactor } = await createTopic(admin, {
    topic,
    numPartitions: 1,
    replicationFactor: requestedReplicationFactor,
  });
  if (created) logger.info({ topic, replicationFactor }, "created a dead-letter queue topic");
}
