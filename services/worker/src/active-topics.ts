import type { ActiveTopicStore } from "@connect-mesh/cluster-state";
import type { Logger } from "pino";

/**
 * Records the topics each connector uses (Connect's `topic.tracking.enable`), once per connector and topic
 * rather than once per record: it remembers what it recorded, and forgets a topic again when someone
 * resets the connector's topics, so the next record on it records it anew.
 */
export class ActiveTopics {
  private readonly recorded = new Set<string>();

  constructor(
    private readonly store: ActiveTopicStore,
    /** Connect's `topic.tracking.enable`: when false, nothing is recorded. */
    private readonly enabled: boolean,
    private readonly logger: Logger,
  ) {}

  /** Records that `connector` used `topic`, unless this worker already did since the last reset. */
  async record(connector: string, topic: string): Promise<void> {
    const key = keyOf(connector, topic);
    if (!this.enabled || this.recorded.has(key)) return;
    try {
      await this.store.recordActiveTopic(connector, topic);
      this.recorded.add(key);
    } catch (error) {
      // Topic tracking is for people; failing to record must not stop the data. The next record tries again.
      this.logger.warn({ err: error, connector, topic }, "could not record an active topic");
    }
  }

  /** Forgets topics as they are reset or their connector deleted, until `signal` aborts. */
  async follow(signal: AbortSignal): Promise<void> {
    for await (const { connector, topic } of this.store.forgottenActiveTopics(signal)) {
      this.recorded.delete(keyOf(connector, topic));
    }
  }
}

function keyOf(connector: string, topic: string): string {
  return `${connector}\u0000${topic}`;
}
