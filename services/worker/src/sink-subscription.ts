import { parseSinkTopics } from "@connect-mesh/connector-config";
import { errorHandlingConfigFrom, replayedPositionOf, replayTopicOf } from "@connect-mesh/error-handling";
import { type IncomingMessage, lastHeaderText } from "@connect-mesh/kafka";
import { createDeadLetterTopic } from "./errors/dead-letter-queue.js";
import type { ConsumedMessage } from "./sink-record-pipeline.js";
import { FatalTaskError, type TaskContext } from "./task-context.js";

/** What a sink task subscribes to. */
export interface SinkSubscription {
  /** Connect's `topics` or `topics.regex`, and the replay topic when there is one. */
  readonly topics: readonly (string | RegExp)[];
  /** `<dlq>.replay` when the connector names a dead-letter queue, where `cmesh dlq replay` writes. */
  readonly replayTopic: string | undefined;
}

/**
 * The topics a sink task reads: its `topics` (a comma-separated list) or `topics.regex`, plus, when
 * `errors.deadletterqueue.topic.name` is set, that queue's replay topic (created here if missing, so the
 * subscription holds it from the start). Only this connector's tasks read the replay topic: records sent
 * back through the connector reach no other consumer of the original topic.
 */
export async function sinkSubscriptionOf(context: TaskContext): Promise<SinkSubscription> {
  const { config } = context;
  const selection = parseSinkTopics(config);
  if (selection.kind === "invalid") throw new FatalTaskError(selection.error.message);
  const topics: (string | RegExp)[] =
    selection.kind === "pattern" ? [selection.pattern] : [...selection.topics];
  const errors = errorHandlingConfigFrom(config);
  if (errors.deadLetterTopic === undefined) return { topics, replayTopic: undefined };
  const replayTopic = replayTopicOf(errors.deadLetterTopic);
  await createDeadLetterTopic(context.admin, replayTopic, errors.deadLetterReplicationFactor, context.logger);
  return { topics: [...topics, replayTopic], replayTopic };
}

/**
 * A consumed message as the pipeline sees it. A replayed one is the record of its first read again (its
 * topic, partition and offset from the replay headers), so its transforms, predicates, the sink's
 * `kafka_position` and a second dead-letter copy all see the original; its offset in the replay topic
 * is only for the commit.
 */
export function consumedMessageOf(
  subscription: SinkSubscription,
  topic: string,
  partition: number,
  message: IncomingMessage,
): ConsumedMessage {
  if (topic !== subscription.replayTopic) return { topic, partition, message };
  const first = replayedPositionOf((name) => lastHeaderText(message.headers, name));
  if (first === undefined) return { topic, partition, message };
  return { topic: first.topic, partition: first.partition, message: { ...message, offset: first.offset } };
}
