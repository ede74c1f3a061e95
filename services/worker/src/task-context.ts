import type { SourceOffsetStore } from "@connect-mesh/source-offsets";
import type { Admin, Kafka } from "kafkajs";
import type { Logger } from "pino";
import type { ConnectorLocator } from "./connector-locator.js";
import type { TaskStatusReporter } from "./task-status-reporter.js";

/** Everything a running task needs from its worker. */
export interface TaskContext {
  readonly connector: string;
  readonly task: number;
  /** The task's config: the connector's runtime keys with the plugin's task keys on top. */
  readonly config: Readonly<Record<string, string>>;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly offsets: SourceOffsetStore;
  readonly locator: ConnectorLocator;
  readonly status: TaskStatusReporter;
  readonly logger: Logger;
}

/** A failure the task cannot get past by retrying (a FATAL connector error, a config that cannot work). */
export class FatalTaskError extends Error {
  readonly retriable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
