import { UsageError } from "./usage-error.js";

/** A record's place in Kafka, as `cmesh trace` takes it. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** Parses `<topic>:<partition>:<offset>` (a topic name cannot hold ":"). */
export function parseRecordPosition(text: string): RecordPosition {
  const match = /^([A-Za-z0-9._-]+):(\d+):(\d+)$/.exec(text);
  if (match === null) {
    throw new UsageError(
      `"${text}" is not a record's position; write <topic>:<partition>:<offset>, e.g. orders:0:41`,
    );
  }
  return { topic: match[1] ?? "", partition: Number(match[2]), offset: String(BigInt(match[3] ?? "0")) };
}

/** Parses `<partition>:<offset>`, a position in a topic named elsewhere (the connector's DLQ topic). */
export function parsePartitionOffset(text: string, topic: string): RecordPosition {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (match === null)
    throw new UsageError(`"${text}" is not a position in a topic; write <partition>:<offset>, e.g. 0:3`);
  return { topic, partition: Number(match[1]), offset: String(BigInt(match[2] ?? "0")) };
}

/** The trace id of a W3C `traceparent` header value, if it is one. */
export function traceIdOfTraceparent(value: string): { traceId: string; sampled: boolean } | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$/.exec(value.trim());
  if (match === null || /^0+$/.test(match[1] ?? "")) return undefined;
  return { traceId: match[1] ?? "", sampled: (Number.parseInt(match[2] ?? "0", 16) & 1) === 1 };
}
