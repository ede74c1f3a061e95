import type { OutgoingMessage, TopicMessages } from "./kafka-message.js";
import { headerValuesOf } from "./message-headers.js";

/**
 * The most bytes of keys, values and headers in one produce request. Kafka refuses a partition's record
 * batch over the broker's `message.max.bytes` (1 MiB by default), and kafkajs puts all of a request's records
 * for one partition into one batch, so a source batch of large records must go as several requests.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * The most records in one produce request. Chosen when kafkajs grouped a request's records by partition in
 * time that grew with the square of their number, which our patch (patches/README.md) made linear. Measured
 * again after that (row D, a million 100-byte lines, three runs each): 2,000 moved 47,257 records/s at the
 * median against 48,152 with 500, its worker spending 17.9 s of CPU against 18.5 s; no gain worth a change.
 */
export const MAX_REQUEST_RECORDS = 500;

/**
 * Splits a batch's messages, by topic, into produce requests within both limits, keeping every topic's
 * messages in order (requests are sent one after another, so each partition's order holds). A single
 * message over the byte limit gets a request of its own: the broker judges it.
 */
export function splitIntoRequests(
  byTopic: ReadonlyMap<string, readonly OutgoingMessage[]>,
  limits: { maxBytes: number; maxRecords: number } = {
    maxBytes: MAX_REQUEST_BYTES,
    maxRecords: MAX_REQUEST_RECORDS,
  },
): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current = new Map<string, OutgoingMessage[]>();
  let bytes = 0;
  let records = 0;
  const close = () => {
    if (records === 0) return;
    requests.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    bytes = 0;
    records = 0;
  };
  for (const [topic, messages] of byTopic) {
    for (const message of messages) {
      const size = sizeOf(message);
      if (records > 0 && (bytes + size > limits.maxBytes || records + 1 > limits.maxRecords)) close();
      const list = current.get(topic) ?? [];
      list.push(message);
      current.set(topic, list);
      bytes += size;
      records += 1;
    }
  }
  close();
  return requests;
}

/** A message's key, value and header bytes: what counts against the broker's limit. */
function sizeOf(message: OutgoingMessage): number {
  let size = lengthOf(message.key) + lengthOf(message.value);
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    size += key.length;
    for (const part of headerValuesOf(value)) size += lengthOf(part);
  }
  return size;
}

function lengthOf(data: Buffer | string | null | undefined): number {
  if (data === null || data === undefined) return 0;
  return typeof data === "string" ? Buffer.byteLength(data) : data.length;
}
