import type { Record as ConnectRecord, TopicPartition } from "@connect-mesh/proto";
import type { ConfigMap, ConfigSpec } from "./config-spec.js";
import type { ConfigProblem } from "./errors.js";
import type { Logger } from "./logger.js";
import type { PlainValue } from "./plain-value.js";

/** What every plugin declares, source or sink: who it is, its config, and how it splits into tasks. */
export interface PluginBase<C> {
  /** The canonical class name users write in connector.class, e.g. "org.acme.FooSourceConnector". */
  readonly className: string;
  /** Other names accepted in connector.class, e.g. "FooSource". */
  readonly aliases?: readonly string[];
  /** The plugin's version, semantic versioning preferred. */
  readonly version: string;
  /** What the plugin does, for people. */
  readonly description: string;
  /** The plugin's own config keys (not the runtime's common keys such as tasks.max or topics). */
  readonly config: ConfigSpec<C>;
  /**
   * Checks that go beyond single keys (Connect's Connector.validate), run by `Validate` only when every key
   * already parses and follows its rules. Returns the problems found; an empty list means valid.
   */
  validate?(request: ValidateContext<C>): readonly ConfigProblem[] | Promise<readonly ConfigProblem[]>;
  /**
   * Splits a connector config into at most `maxTasks` task configs (Connect's Connector.taskConfigs).
   * Each task later receives its map back unchanged, as `config` of its task context.
   */
  plan(request: PlanContext<C>): readonly ConfigMap[] | Promise<readonly ConfigMap[]>;
}

/** What `validate` is given. */
export interface ValidateContext<C> {
  /** The parsed config. */
  readonly config: C;
  /** The whole config as the user gave it, runtime keys included. */
  readonly raw: ConfigMap;
  /** Aborted when the caller gives up. */
  readonly signal: AbortSignal;
}

/** What `plan` is given. */
export interface PlanContext<C> {
  /** The parsed config. */
  readonly config: C;
  /** The whole connector config, runtime keys included; Connect's file connectors hand it to each task. */
  readonly raw: ConfigMap;
  /** The connector's name, unique in the cluster. */
  readonly connectorName: string;
  /** The most task configs to return (Connect's tasks.max); at least 1. */
  readonly maxTasks: number;
  /** Aborted when the caller gives up. */
  readonly signal: AbortSignal;
}

/** What every task is given when it starts. */
export interface TaskContext {
  /** The connector's name. */
  readonly connectorName: string;
  /** The task's number within the connector, from 0. */
  readonly taskId: number;
  /** The task config, as `plan` returned it, with secrets resolved. Parse it with the plugin's ConfigSpec. */
  readonly config: ConfigMap;
  /**
   * Aborted when the task must stop: the worker ended the stream or the server stops. Pass it on to every
   * long call; a task that ignores it delays shutdown.
   */
  readonly signal: AbortSignal;
  /** A logger bound to the connector, task and plugin. */
  readonly logger: Logger;
}

/** Where a source partition got to, as the connector sent it and the worker stored it. */
export interface SourcePosition {
  /** The source partition, e.g. `{ filename: "a.txt" }`. */
  readonly partition: PlainValue;
  /** The last stored offset in it, e.g. `{ position: 120n }`. */
  readonly offset: PlainValue;
}

/** What a source task is given when it starts. */
export interface SourceTaskContext extends TaskContext {
  /** The last stored offset of every source partition the connector has written; empty on a first start. */
  readonly offsets: readonly SourcePosition[];
  /** The stored offset of one source partition (compared as Connect compares maps), or undefined if none. */
  offsetFor(partition: PlainValue): PlainValue | undefined;
}

/** Batches the worker has made durable, handed to a source plugin's `commit`. */
export interface SourceCommit {
  /** The task the batches came from: the same object its `read` was given. */
  readonly task: SourceTaskContext;
  /** Every batch up to and including this sequence is durable in Kafka (acks are cumulative). */
  readonly throughSequence: bigint;
  /** The newest durable offset of each source partition in the batches this commit newly covers. */
  readonly offsets: readonly SourcePosition[];
}

/** A source plugin: reads from an outside system in batches (Connect's SourceConnector and SourceTask). */
export interface SourcePlugin<C = unknown> extends PluginBase<C> {
  /** Marks the plugin as a source; set by `defineSourcePlugin`. */
  readonly kind: "source";
  /**
   * Runs one task: yields batches of records, each record with its topic, source partition and source
   * offset, starting after `task.offsets`. With nothing to read it waits (never yields an empty batch).
   * The SDK pulls the next batch only when the worker has granted credit, so a generator that reads on
   * demand never buffers more than one batch. It must return promptly once `task.signal` aborts.
   * A RetriableError or FatalError thrown here is reported to the worker.
   */
  read(task: SourceTaskContext): AsyncIterable<readonly ConnectRecord[]>;
  /**
   * Called in order, one at a time, as the worker acks batches: their records are durable in Kafka, so
   * the plugin may release them upstream (e.g. acknowledge a queue). Optional: sources that resume from
   * offsets alone, such as a file, need nothing here.
   */
  commit?(committed: SourceCommit): Promise<void>;
}

/** What a sink task is given when it starts. */
export interface SinkTaskContext extends TaskContext {
  /** The Kafka partitions the task owns at the start. */
  readonly assigned: readonly TopicPartition[];
}

/** Partitions a sink task gained and lost (Connect's SinkTask.open and close). */
export interface PartitionsChange {
  /** Partitions the task now owns in addition. */
  readonly assigned: readonly TopicPartition[];
  /** Partitions the task no longer owns; everything written for them was flushed first. */
  readonly revoked: readonly TopicPartition[];
}

/** A running sink task (Connect's SinkTask). The SDK calls it one method at a time, in stream order. */
export interface SinkTask {
  /**
   * Writes (or buffers) one batch; resolving means it was accepted, not yet that it is durable. Throw a
   * RetriableError or FatalError with `recordIndex` set to name the record at fault: the records before it
   * count as accepted.
   */
  write(records: readonly ConnectRecord[]): Promise<void>;
  /** Makes everything accepted so far durable; the worker commits Kafka offsets only after this. */
  flush(): Promise<void>;
  /** Optional: the task's partitions changed. */
  partitionsChanged?(change: PartitionsChange): Promise<void>;
  /** Releases what the task holds. Called once when the stream ends; it must not flush on its own. */
  close(): Promise<void>;
}

/** A sink plugin: writes records to an outside system (Connect's SinkConnector). */
export interface SinkPlugin<C = unknown> extends PluginBase<C> {
  /** Marks the plugin as a sink; set by `defineSinkPlugin`. */
  readonly kind: "sink";
  /** Starts one task. A RetriableError or FatalError thrown here ends the stream with that error. */
  open(task: SinkTaskContext): Promise<SinkTask>;
}

/** Any plugin a connector service can host. */
export type ConnectorPlugin = SourcePlugin | SinkPlugin;

/** Declares a source plugin; infers its config type from `config`. */
export function defineSourcePlugin<C>(plugin: Omit<SourcePlugin<C>, "kind">): SourcePlugin<C> {
  return { ...plugin, kind: "source" };
}

/** Declares a sink plugin; infers its config type from `config`. */
export function defineSinkPlugin<C>(plugin: Omit<SinkPlugin<C>, "kind">): SinkPlugin<C> {
  return { ...plugin, kind: "sink" };
}
