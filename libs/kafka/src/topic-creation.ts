import type { Admin, TopicToCreate } from "./admin.js";

/** What `createTopic` did. */
export interface TopicCreation {
  /** False when the topic existed already. */
  readonly created: boolean;
  /** The replication factor asked for, after capping. */
  readonly replicationFactor: number;
}

/**
 * Creates `spec.topic` unless it exists, and waits for its partitions' leaders. Its replication factor is
 * capped to the brokers there are, so a topic configured for a production cluster can still be created on a
 * single-node one; -1 leaves it to the broker's default.
 */
export async function createTopic(admin: Admin, spec: TopicToCreate): Promise<TopicCreation> {
  const brokers = (await admin.describeCluster()).brokers.length;
  const requested = spec.replicationFactor;
  const replicationFactor = requested === -1 ? -1 : Math.max(1, Math.min(requested, brokers));
  const created = await admin.createTopics({
    topics: [{ ...spec, replicationFactor }],
    waitForLeaders: true,
  });
  return { created, replicationFactor };
}
