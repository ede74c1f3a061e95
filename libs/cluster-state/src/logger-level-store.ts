import { type CoordinationStore, WatchCompactedError } from "@connect-mesh/coordination";
import type { ClusterLoggerLevels, LoggerLevelChange } from "@connect-mesh/logging";
import type { ClusterKeys } from "./cluster-keys.js";
import { ClusterLoggerLevel, parseStored } from "./records.js";

/** The cluster-scope logger levels (Connect's `PUT /admin/loggers/{name}?scope=cluster`). */
export class LoggerLevelStore implements ClusterLoggerLevels {
  constructor(
    private readonly store: CoordinationStore,
    private readonly keys: ClusterKeys,
  ) {}

  /**
   * Records a cluster-scope logger level, for every process that follows `loggerLevelChanges` to apply;
   * resolves with the write's revision.
   */
  async writeClusterLoggerLevel(namespace: string, level: string): Promise<number> {
    const value: ClusterLoggerLevel = { level, updatedAt: new Date().toISOString() };
    return this.store.put(this.keys.loggerLevel(namespace), JSON.stringify(value));
  }

  /**
   * Yields the cluster-scope logger levels written after `afterRevision`, in the order they were written,
   * until `signal` aborts. Without `afterRevision` it starts from now: as in Kafka Connect (KIP-976), a
   * process applies only the levels set while it runs, so a restart goes back to its configured levels.
   * When the store has compacted the history the watch needs, the levels written since are read from a
   * fresh listing, so none is missed. Other errors end the iteration; resume after the last revision seen.
   */
  async *loggerLevelChanges(options: {
    afterRevision?: number;
    signal: AbortSignal;
  }): AsyncGenerator<LoggerLevelChange> {
    const prefix = this.keys.loggerLevelsPrefix;
    let seen = options.afterRevision ?? (await this.store.list(prefix)).revision;
    while (!options.signal.aborted) {
      try {
        for await (const event of this.store.watch(prefix, { afterRevision: seen, signal: options.signal })) {
          seen = event.modRevision;
          if (event.type === "put") yield this.loggerLevelChange(event.key, event.value, event.modRevision);
        }
        return;
      } catch (error) {
        if (!(error instanceof WatchCompactedError)) throw error;
        const { items, revision } = await this.store.list(prefix);
        const missed = items.filter((item) => item.modRevision > seen);
        for (const item of missed.sort((a, b) => a.modRevision - b.modRevision)) {
          yield this.loggerLevelChange(item.key, item.value, item.modRevision);
        }
        seen = revision;
      }
    }
  }

  private loggerLevelChange(key: string, value: string, revision: number): LoggerLevelChange {
    return {
      namespace: this.keys.loggerNamespaceOf(key) ?? "",
      level: parseStored(ClusterLoggerLevel, key, value).level,
      revision,
    };
  }
}
