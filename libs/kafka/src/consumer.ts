import type { IncomingMessage } from "./kafka-message.js";

/**
 * One partition's records from one fetch. kafkajs hands over whatever the fetch returned: up to a megabyte
 * per partition, tens of thousands of small records.
 */
export interface FetchedBatch {
  readonly topic: string;
  readonly partition: number;
  /** The offset the partition's next record will get, as of the fetch. */
  readonly highWatermark: string;
  readonly messages: IncomingMessage[];
}

/** What `eachBatch` is handed. */
export interface EachBatchPayload {
  readonly batch: FetchedBatch;
  /** Marks the batch's records up to `offset` handled. */
  resolveOffset(offset: string): void;
  /** Tells the group this member is alive; call it while a batch takes long. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping. */
  isRunning(): boolean;
  /** True once a rebalance or seek has made the rest of this batch stale. */
  isStale(): boolean;
}

/** What `eachMessage` is handed. */
export interface EachMessagePayload {
  readonly partition: number;
  readonly message: IncomingMessage;
}

/** How `run` hands records over: in batches, or one by one. */
export interface ConsumerRunConfig {
  readonly autoCommit: boolean;
  /** Whether every record of a batch counts as handled once `eachBatch` returns. */
  readonly eachBatchAutoResolve?: boolean;
  readonly eachBatch?: (payload: EachBatchPayload) => Promise<void>;
  /** A handler that throws has kafkajs hand the same record over again. */
  readonly eachMessage?: (payload: EachMessagePayload) => Promise<void>;
  /**
   * Called when the group rebalances, after the batch in hand has ended and before this member rejoins
   * (our patch of kafkajs, see patches/README.md). kafkajs rebalances eagerly: rejoining revokes every
   * partition, and each resumes from its committed offset, wherever it lands. Until every member has
   * rejoined, the group still takes this member's commits, so commit here what has been handled, or it is
   * handled again. An error is logged and the member rejoins all the same.
   */
  readonly onPartitionsRevoked?: () => Promise<void>;
}

/** A consumer's crash: `restart` says whether kafkajs restarts it by itself. */
export interface ConsumerCrash {
  readonly payload: { readonly error: Error; readonly restart: boolean };
}

/** A partition's position: the offset of the next record to read. */
export interface PartitionPosition {
  topic: string;
  partition: number;
  offset: string;
}

/** What callers use of a consumer; the client's own consumer is one, as it is. */
export interface Consumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: { topics: (string | RegExp)[]; fromBeginning?: boolean }): Promise<void>;
  /** Joins the group and starts handing records over; resolves once it has started. */
  run(config: ConsumerRunConfig): Promise<void>;
  commitOffsets(positions: PartitionPosition[]): Promise<void>;
  /** Moves the read position of a partition; only after `run` has started. */
  seek(position: PartitionPosition): void;
  /**
   * Stops handing records over. kafkajs drops commits silently once `stop` has begun: commit what is done
   * before calling it.
   */
  stop(): Promise<void>;
  on(event: Consumer["events"]["CRASH"], listener: (crash: ConsumerCrash) => void): void;
  readonly events: { readonly CRASH: "consumer.crash" };
}
