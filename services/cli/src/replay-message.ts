import { ERROR_HEADER_PREFIX, ErrorHeaders, ReplayHeaders } from "@connect-mesh/error-handling";
import type { MessageHeaders, OutgoingMessage } from "@connect-mesh/kafka";
import type { KafkaRecord } from "./kafka-record-reader.js";

const REPLAY_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(ReplayHeaders));

/**
 * The copy of a dead-letter record that `cmesh dlq replay` sends to the replay topic: its key, value and
 * timestamp, its headers without the `__connect.errors.*` ones (the worker adds fresh ones if it fails
 * again), the replay id, and where the record was first read. That position comes from an earlier
 * replay's headers when the record failed before, else from the context headers; without either
 * (`errors.deadletterqueue.context.headers.enable` was off) the sink sees the replay topic's position.
 */
export function replayMessageOf(record: KafkaRecord, replayId: string): OutgoingMessage {
  const headers: MessageHeaders = {};
  for (const [name, value] of Object.entries(record.rawHeaders)) {
    if (value === undefined || name.startsWith(ERROR_HEADER_PREFIX) || REPLAY_HEADER_NAMES.has(name))
      continue;
    headers[name] = value;
  }
  headers[ReplayHeaders.id] = replayId;
  const first = firstPositionOf(record);
  if (first !== undefined) {
    headers[ReplayHeaders.topic] = first.topic;
    headers[ReplayHeaders.partition] = first.partition;
    headers[ReplayHeaders.offset] = first.offset;
  }
  return { key: record.key, value: record.value, headers, timestamp: record.timestamp };
}

function firstPositionOf(
  record: KafkaRecord,
): { readonly topic: string; readonly partition: string; readonly offset: string } | undefined {
  const { headers } = record;
  const replayed = [ReplayHeaders.topic, ReplayHeaders.partition, ReplayHeaders.offset].map((n) =>
    headers.get(n),
  );
  const parked = [ErrorHeaders.topic, ErrorHeaders.partition, ErrorHeaders.offset].map((n) => headers.get(n));
  for (const [topic, partition, offset] of [replayed, parked]) {
    if (topic && partition !== undefined && offset !== undefined) return { topic, partition, offset };
  }
  return undefined;
}
