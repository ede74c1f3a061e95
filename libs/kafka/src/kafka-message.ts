import type { MessageHeaders } from "./message-headers.js";

/**
 * A record to produce. The shape of kafkajs's `Message`, so the producer sends it as it is: no copy per
 * record on the way out.
 */
export interface OutgoingMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: MessageHeaders;
  /** The partition to write to; without one the key picks it, as Java's clients hash keys. */
  partition?: number;
  /** Milliseconds since the epoch, as text; without one the producer's clock stamps it. */
  timestamp?: string;
}

/** The records of one produce request bound for one topic. */
export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}

/** A consumed record, as the consumer hands it over (kafkajs's `KafkaMessage` fits it as it is). */
export interface IncomingMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: MessageHeaders;
  /** Milliseconds since the epoch, as text. */
  readonly timestamp: string;
  /** The record's offset in its partition, as text (offsets are 64-bit). */
  readonly offset: string;
}
