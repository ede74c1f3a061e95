/**
 * `cmesh dlq replay` sends a sink connector's parked records back through that connector alone: it copies
 * them to the connector's replay topic, which only the connector's own sink tasks subscribe to (beside
 * `topics`), so no other consumer of the original topic sees them a second time. Each copy carries the
 * headers below; the worker reads a replayed record as the record it was at its first read (its topic,
 * partition and offset), and the replay id, kept on a copy that fails again, lets the CLI count what came
 * back to the dead-letter queue.
 */

/** The per-connector topic `cmesh dlq replay` writes to and the connector's sink tasks also read. */
export function replayTopicOf(deadLetterTopic: string): string {
  return `${deadLetterTopic}.replay`;
}

/** The headers of a replayed record. Not `__connect.errors.*`: those are stripped for the replay. */
export const ReplayHeaders = {
  /** One id per `cmesh dlq replay` run. */
  id: "__cmesh.replay.id",
  /** Where the record was first read: its topic, partition and offset. */
  topic: "__cmesh.replay.topic",
  partition: "__cmesh.replay.partition",
  offset: "__cmesh.replay.offset",
} as const;

/** A record's first Kafka position. */
export interface ReplayedPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * The position a replayed record was first read at, from its replay headers (each given as text or bytes);
 * undefined when they are missing or malformed.
 */
export function replayedPositionOf(
  header: (name: string) => string | undefined,
): ReplayedPosition | undefined {
  const topic = header(ReplayHeaders.topic);
  const partition = header(ReplayHeaders.partition);
  const offset = header(ReplayHeaders.offset);
  if (!topic || partition === undefined || offset === undefined) return undefined;
  if (!/^\d+$/.test(partition) || !/^\d+$/.test(offset)) return undefined;
  return { topic, partition: Number(partition), offset };
}
