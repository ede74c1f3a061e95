import type { CoordinationStore } from "@connect-mesh/coordination";
import type { ClusterKeys } from "./cluster-keys.js";

/** The topics each connector used (Connect's active topics, `GET /connectors/{name}/topics`). */
export class ActiveTopicStore {
  constructor(
    private readonly store: CoordinationStore,
    private readonly keys: ClusterKeys,
  ) {}

  /** Records that a connector used `topic` (Connect's active topics); a topic already recorded stays as is. */
  async recordActiveTopic(name: string, topic: string): Promise<void> {
    const key = this.keys.activeTopic(name, topic);
    await this.store.commit({
      conditions: [{ key, modRevision: 0 }],
      puts: [{ key, value: JSON.stringify({ recordedAt: new Date().toISOString() }) }],
    });
  }

  /** The topics a connector used since it was created or its topics were last reset, sorted. */
  async readActiveTopics(name: string): Promise<string[]> {
    const prefix = this.keys.connectorTopicsPrefix(name);
    const { items } = await this.store.list(prefix);
    return items.map((item) => decodeURIComponent(item.key.slice(prefix.length))).sort();
  }

  /** Forgets a connector's active topics (Connect's PUT /connectors/{name}/topics/reset). */
  async resetActiveTopics(name: string): Promise<void> {
    const { items } = await this.store.list(this.keys.connectorTopicsPrefix(name));
    if (items.length > 0) await this.store.commit({ conditions: [], deletes: items.map((item) => item.key) });
  }

  /**
   * Yields the connector and topic of every active topic forgotten from now on (a reset or a deleted
   * connector), until `signal` aborts: workers drop them from what they remember having recorded.
   */
  async *forgottenActiveTopics(signal: AbortSignal): AsyncGenerator<{ connector: string; topic: string }> {
    const prefix = this.keys.activeTopicsPrefix;
    const { revision } = await this.store.list(prefix);
    for await (const event of this.store.watch(prefix, { afterRevision: revision, signal })) {
      if (event.type !== "delete") continue;
      const [connector, topic] = event.key.slice(prefix.length).split("/");
      if (connector !== undefined && topic !== undefined)
        yield { connector: decodeURIComponent(connector), topic: decodeURIComponent(topic) };
    }
  }
}
