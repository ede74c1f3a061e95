import type { Record as ConnectRecord } from "@connect-mesh/proto";

/** A connector config: every value a string, keyed by Connect's dotted names. */
export type ConfigMap = Readonly<Record<string, string>>;

/** A config per plugin, keyed by the plugin's class name or one of its aliases. */
export type PluginConfigs = Readonly<Record<string, ConfigMap>>;

/** What a durability probe is told about the records a sink answered `flushed` for. */
export interface FlushedRecords {
  /** The sink plugin's class name. */
  readonly plugin: string;
  /** The working config the sink task was opened with. */
  readonly config: ConfigMap;
  /** The records written and flushed, in order; their string values are unique to the run. */
  readonly records: readonly ConnectRecord[];
  /** Aborted at the check's deadline or when the run is aborted. */
  readonly signal: AbortSignal;
}

/**
 * Looks in the outside system for records a sink just flushed (e.g. reads the sink's file). Resolves when
 * they are all there; rejects with a message saying what is missing when they are not.
 */
export type DurabilityProbe = (flushed: FlushedRecords) => Promise<void>;

/** What to check and how. */
export interface ConformanceOptions {
  /** The connector service, "host:port" (plaintext gRPC). */
  readonly address: string;
  /** Aborts the run; `runConformance` then rejects with the signal's reason. */
  readonly signal: AbortSignal;
  /**
   * The plugins to check, by class name or alias; every plugin Describe lists when left out. A plugin
   * named here that Describe does not list fails `describe.plugins-listed`.
   */
  readonly plugins?: readonly string[];
  /**
   * A working config per source plugin: one with which Read yields records at once. The source checks
   * need at least two batches and re-reading the same records from the same offsets (e.g. a file of a
   * few lines, `batch.size=1` and a topic); without a config they are skipped.
   */
  readonly sourceConfigs?: PluginConfigs;
  /** A working config per sink plugin: one with which Write accepts and flushes batches of string records. */
  readonly sinkConfigs?: PluginConfigs;
  /**
   * A config per sink plugin with which writing a batch fails (e.g. a file sink writing to /dev/full), to
   * check that the failure comes back as a typed WriteError. Opening the task must still succeed.
   */
  readonly rejectingSinkConfigs?: PluginConfigs;
  /**
   * Per sink plugin, a probe of the outside system after `flushed`. Durability is the connector's promise:
   * without a probe the kit only sees that `flushed` came, and skips `sink.flush-durable`.
   */
  readonly verifyDurable?: Readonly<Record<string, DurabilityProbe>>;
  /** The deadline of each check, in ms; 10 000 by default. No check, and so no run, can hang past it. */
  readonly timeoutMs?: number;
  /**
   * How long a check waits to be sure something does not happen (a batch beyond the credit, a second
   * answer to one batch), in ms; 500 by default (or a quarter of `timeoutMs`, if less). `timeoutMs` must be
   * more than twice this, since a check may wait out two quiet periods.
   */
  readonly quietMs?: number;
}
