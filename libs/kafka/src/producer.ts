import type { OutgoingMessage, TopicMessages } from "./kafka-message.js";

/**
 * What callers use of a producer; the client's own producer is one, as it is. `acks: -1` waits for every
 * in-sync replica. Sends resolve once Kafka has acknowledged every record.
 */
export interface Producer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(request: { topic: string; acks?: number; messages: OutgoingMessage[] }): Promise<unknown>;
  /** One produce request for several topics' records. */
  sendBatch(request: { acks?: number; topicMessages: TopicMessages[] }): Promise<unknown>;
}
