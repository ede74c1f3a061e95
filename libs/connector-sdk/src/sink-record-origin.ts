import type { Record as ConnectRecord } from "@connect-mesh/proto";

/**
 * Where a sink record came from, for a sink's messages: `topic "t" partition 0 offset 12`, or only the
 * topic when the record carries no Kafka position.
 */
export function sinkRecordOrigin(record: ConnectRecord): string {
  const position = record.kafkaPosition;
  return position === undefined
    ? `topic "${record.topic}"`
    : `topic "${record.topic}" partition ${position.partition} offset ${position.offset}`;
}
