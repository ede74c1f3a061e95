/** Takes the value of the `index`th record consumed (from 0), as the client hands it over. */
export type OnValue = (value: Buffer | undefined, index: number) => void;

/**
 * A producer and a consumer of one client library, set up as the worker's source and sink tasks are:
 * what a row-B-style loop needs from kafkajs (row B) or @platformatic/kafka (row B2), and nothing more.
 */
export interface LoopClients {
  /**
   * Joins a group of its own on the topic and consumes `count` records from its start as the worker's sink
   * task does (offsets committed every 2,000 records and after the last), handing each record's value to
   * `onValue` in the order consumed. Resolves once the group has joined, with a promise of the moment
   * (performance.now()) the last record was committed.
   */
  startConsuming(count: number, onValue: OnValue): Promise<{ readonly allCommitted: Promise<number> }>;
  /** Sends one source batch as the worker does (in requests under 1 MB) and waits for the broker's acks. */
  send(values: readonly string[]): Promise<void>;
  /** Disconnects the producer and the consumer. */
  close(): Promise<void>;
}

/** Connects a library's worker-like producer and consumer to the broker at `bootstrap`, for `topic`. */
export type ConnectLoopClients = (bootstrap: string, topic: string) => Promise<LoopClients>;
