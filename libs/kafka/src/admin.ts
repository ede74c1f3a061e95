/** The cluster as one broker describes it. */
export interface ClusterDescription {
  readonly brokers: readonly { readonly nodeId: number }[];
  /** The controller's node id; null while there is none. */
  readonly controller: number | null;
  readonly clusterId: string;
}

/** A topic to create, in kafkajs's shape. */
export interface TopicToCreate {
  topic: string;
  numPartitions: number;
  /** -1 leaves it to the broker's default. */
  replicationFactor: number;
  configEntries?: { name: string; value: string }[];
}

/**
 * What callers use of an admin client; the client's own admin is one, as it is. kafkajs's admin does not
 * retry an error it marks retriable on every call (`fetchOffsets`, for one, fails at once while a fresh
 * cluster's group coordinator is still loading): a caller that must ride that out retries on
 * `isRetriableKafkaError`.
 */
export interface Admin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  describeCluster(): Promise<ClusterDescription>;
  listTopics(): Promise<string[]>;
  /** Resolves to false when every topic existed already. */
  createTopics(request: { topics: TopicToCreate[]; waitForLeaders?: boolean }): Promise<boolean>;
  fetchTopicMetadata(request: {
    topics: string[];
  }): Promise<{ topics: { name: string; partitions: { partitionId: number }[] }[] }>;
  /** Each partition's first kept offset (`low`) and the offset its next record gets (`high`). */
  fetchTopicOffsets(topic: string): Promise<{ partition: number; low: string; high: string }[]>;
  /** A group's committed offsets; "-1" for a partition with none. */
  fetchOffsets(request: {
    groupId: string;
    topics: string[];
  }): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
  setOffsets(request: {
    groupId: string;
    topic: string;
    partitions: { partition: number; offset: string }[];
  }): Promise<void>;
  listGroups(): Promise<{ groups: { groupId: string }[] }>;
  describeGroups(groupIds: string[]): Promise<{ groups: { groupId: string; state: string }[] }>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
}
