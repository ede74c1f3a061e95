import { MeshError } from "@connect-mesh/errors";
import type { Admin, KafkaClient } from "@connect-mesh/kafka";
import type { SourceOffsetStore } from "@connect-mesh/source-offsets";
import type { ConnectMetrics } from "@connect-mesh/telemetry";
import type { Logger } from "pino";
import type { ActiveTopics } from "./active-topics.js";
import type { CommitCadence } from "./background-commits.js";
import type { ConnectorLocator } from "./connector-locator.js";
import type { TaskStatusReporter } from "./task-status-reporter.js";

/** Everything a running task needs from its worker. */
export interface TaskContext {
  readonly connector: string;
  readonly task: number;
  /** The task's config: the connector's runtime keys with the plugin's task keys on top. */
  readonly config: Readonly<Record<string, string>>;
  readonly kafka: KafkaClient;
  readonly admin: Admin;
  readonly offsets: SourceOffsetStore;
  readonly locator: ConnectorLocator;
  readonly status: TaskStatusReporter;
  readonly activeTopics: ActiveTopics;
  readonly logger: Logger;
  /** The worker's task metrics (Connect's names); the task takes its own view at start. */
  readonly metrics: ConnectMetrics;
  /** How often the task commits its offsets. */
  readonly commitCadence: CommitCadence;
  /**
   * Resolves while this run of the task may commit (see `AssignmentStore.mayCommitFor`), and throws
   * `TaskFencedError` once it may not. Called before every offset commit, so a worker the task has moved
   * away from (a zombie, cut off for a while) can never commit over the new owner's progress, while a
   * graceful hand-over still commits the batch in hand.
   */
  confirmStillAssigned(): Promise<void>;
}

/** The task has moved to another worker: this run must end without committing or reporting anything. */
export class TaskFencedError extends MeshError {
  constructor(connector: string, task: number, generation: number) {
    super(
      `task ${task} of connector "${connector}" now runs elsewhere or under a newer generation than ${generation}; ` +
        "this run stops without committing",
      { retriable: false },
    );
  }
}

/** A failure the task cannot get past by retrying (a FATAL connector error, a config that cannot work). */
export class FatalTaskError extends MeshError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { retriable: false, cause: options?.cause });
  }
}
