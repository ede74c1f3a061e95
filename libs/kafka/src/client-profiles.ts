import { randomUUID } from "node:crypto";
import { type ConsumerConfig, type KafkaConfig, logLevel, Partitioners, type ProducerConfig } from "kafkajs";
import { sinkGroupIdOf } from "./sink-group.js";

/** Who a client is and where it connects. */
export interface ClientIdentity {
  readonly clientId: string;
  /** host:port of one or more brokers to bootstrap from. */
  readonly brokers: readonly string[];
}

/** A long-lived client: a service's or a command's. */
export interface ClientOptions extends ClientIdentity {
  /**
   * Whether kafkajs's own warnings and errors reach the console (its default JSON lines): a service's do,
   * a command's would mix into what it prints.
   */
  readonly logs: "warnings" | "none";
}

/** A client that asks one question and gives up at once when Kafka does not answer. */
export interface ProbeOptions extends ClientIdentity {
  readonly connectionTimeoutMs: number;
  /** Without one, kafkajs's default (30 s). */
  readonly requestTimeoutMs?: number;
}

/** The settings of a long-lived client. */
export function clientConfigOf({ clientId, brokers, logs }: ClientOptions): KafkaConfig {
  return {
    clientId,
    brokers: [...brokers],
    logLevel: logs === "warnings" ? logLevel.WARN : logLevel.NOTHING,
  };
}

/** The settings of a probe: silent, no retries, its own timeouts. */
export function probeConfigOf(options: ProbeOptions): KafkaConfig {
  return {
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    retry: { retries: 0 },
  };
}

/**
 * The producers this project runs, each for one kind of record: `source`, a source task's records;
 * `offsets`, source offsets (a task's, and the offsets API's changes); `dead-letter`, dead-letter copies and
 * cmesh's replays of them.
 */
export type ProducerProfile = "source" | "offsets" | "dead-letter";

/**
 * Idempotent with one request in flight, so the client's retries never duplicate or reorder records, and
 * keys hashed to partitions as Java's clients hash them (kafkajs's DefaultPartitioner), so a key lands
 * where Kafka Connect would put it. Sends pass `acks: -1` (acks=all) themselves.
 */
const IDEMPOTENT_PRODUCER: ProducerConfig = Object.freeze({
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
});

/** Each profile's settings: the same today, though each kind of record gets a producer of its own. */
export const PRODUCER_PROFILES: Readonly<Record<ProducerProfile, ProducerConfig>> = Object.freeze({
  source: IDEMPOTENT_PRODUCER,
  offsets: IDEMPOTENT_PRODUCER,
  "dead-letter": IDEMPOTENT_PRODUCER,
});

/** A sink consumer's session: shorter than kafkajs's 30 s, so a dead worker's partitions move on sooner. */
const SINK_SESSION_TIMEOUT_MS = 10_000;

/**
 * A sink task's consumer, in its connector's group. kafkajs restarts a crashed consumer by itself (a
 * rebalance, a coordinator that moved) when the crash is retriable and `mayRestart` says yes; a consumer
 * that must stay down (its task is stopping) says no.
 */
export function sinkConsumerConfigOf(connector: string, mayRestart: () => boolean): ConsumerConfig {
  return {
    groupId: sinkGroupIdOf(connector),
    sessionTimeout: SINK_SESSION_TIMEOUT_MS,
    retry: { restartOnFailure: async () => mayRestart() },
  };
}

/**
 * A consumer for reading a topic, not for following it: kafkajs consumes only through a group, so each gets
 * a throwaway one, `<groupPrefix>-<uuid>`, to run without committing (`autoCommit: false`). `retries`
 * overrides kafkajs's 5.
 */
export function readerConsumerConfigOf(groupPrefix: string, retries?: number): ConsumerConfig {
  return {
    groupId: `${groupPrefix}-${randomUUID()}`,
    retry: retries === undefined ? undefined : { retries },
  };
}
