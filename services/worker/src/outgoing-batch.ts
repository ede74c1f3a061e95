import { type OutgoingMessage, type Producer, splitIntoRequests } from "@connect-mesh/kafka";
import type { HopSpan } from "@connect-mesh/telemetry";
import type { SourceRecordOutcome } from "./source-record-pipeline.js";

/** A batch's messages by topic, with the produce spans of the records that have them. */
export class OutgoingBatch {
  private readonly byTopic = new Map<string, OutgoingMessage[]>();
  private readonly spans: HopSpan[] = [];
  /** How many messages it holds. */
  count = 0;

  add(outcome: Extract<SourceRecordOutcome, { kind: "produce" }>): void {
    this.messagesFor(outcome.topic).push(outcome.message);
    this.spans.push(outcome.span);
    this.count++;
  }

  addAll(topic: string, messages: readonly OutgoingMessage[]): void {
    this.messagesFor(topic).push(...messages);
    this.count += messages.length;
  }

  topics(): IterableIterator<string> {
    return this.byTopic.keys();
  }

  /** Sends every message, acks=all; each span ends with the outcome. */
  async send(producer: Producer): Promise<void> {
    if (this.count === 0) return;
    try {
      for (const topicMessages of splitIntoRequests(this.byTopic)) {
        await producer.sendBatch({ acks: -1, topicMessages });
      }
    } catch (error) {
      for (const span of this.spans) span.fail(error);
      throw error;
    } finally {
      for (const span of this.spans) span.end();
    }
  }

  private messagesFor(topic: string): OutgoingMessage[] {
    let messages = this.byTopic.get(topic);
    if (messages === undefined) {
      messages = [];
      this.byTopic.set(topic, messages);
    }
    return messages;
  }
}
