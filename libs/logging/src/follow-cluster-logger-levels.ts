import { sleep } from "@connect-mesh/async";
import { parseLogLevel } from "./log-level.js";
import type { NamedLoggers } from "./named-loggers.js";

/** A cluster-scope logger level as written, with the revision that orders it among the others. */
export interface LoggerLevelChange {
  readonly namespace: string;
  /** Connect's level name, as the REST API was given it. */
  readonly level: string;
  /** The write's revision; pass it as `afterRevision` to resume following after this change. */
  readonly revision: number;
}

/** Where the cluster-scope levels come from: the cluster's logger-level store, in the coordination store. */
export interface ClusterLoggerLevels {
  /** The levels written after `afterRevision` (from now without it), in order, until `signal` aborts. */
  loggerLevelChanges(options: {
    afterRevision?: number;
    signal: AbortSignal;
  }): AsyncIterable<LoggerLevelChange>;
}

/** What following the cluster-scope levels needs. */
export interface FollowClusterLoggerLevelsOptions {
  readonly levels: ClusterLoggerLevels;
  readonly loggers: NamedLoggers;
  /** Stops following. */
  readonly signal: AbortSignal;
  /** Hears of a lost connection to the store (followed again after `retryDelayMs`) and of levels it skips. */
  readonly onError: (error: unknown) => void;
  readonly retryDelayMs?: number;
}

/**
 * Applies every cluster-scope logger level (`PUT /admin/loggers/{namespace}?scope=cluster`, KIP-976) to this
 * process's loggers, in the order they were set, from now until `signal` aborts. Levels set before the call
 * are not applied, as in Connect, so a restarted process starts from its configured levels. A lost
 * connection is reported and followed again from the last level applied, so none is missed or applied twice.
 * Never rejects: wire it with one call in a service's main and await it on the way out.
 */
export async function followClusterLoggerLevels(options: FollowClusterLoggerLevelsOptions): Promise<void> {
  const { levels, loggers, signal, onError } = options;
  let afterRevision: number | undefined;
  while (!signal.aborted) {
    try {
      for await (const change of levels.loggerLevelChanges({ afterRevision, signal })) {
        afterRevision = change.revision;
        const level = parseLogLevel(change.level);
        if (level) loggers.setLevel(change.namespace, level);
        else
          onError(
            new Error(
              `skipped the cluster-scope level "${change.level}" for logger ${change.namespace}: not a level this process knows`,
            ),
          );
      }
    } catch (error) {
      if (signal.aborted) return;
      onError(error);
      await sleep(options.retryDelayMs ?? 1_000, signal);
    }
  }
}
