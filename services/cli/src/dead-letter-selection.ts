import type { KafkaRecord } from "./kafka-record-reader.js";

/** Which dead-letter records `cmesh dlq list` and `cmesh dlq replay` take (all of them by default). */
export interface DeadLetterSelection {
  /** `--from`: the first offset taken, in each partition of the dead-letter topic. */
  readonly fromOffset?: bigint;
  /** `--since`: records parked at or after this time (the dead-letter record's timestamp), in ms. */
  readonly sinceMs?: number;
  /** `--filter`: records whose key, value or a header (stage, exception message, ...) holds this text. */
  readonly filter?: string;
}

/** Whether `record` is one the selection takes; `--from` is applied to the range read, not here. */
export function isSelected(record: KafkaRecord, selection: DeadLetterSelection): boolean {
  if (selection.sinceMs !== undefined && Number(record.timestamp) < selection.sinceMs) return false;
  const { filter } = selection;
  if (filter === undefined) return true;
  const texts = [record.key?.toString("utf8"), record.value?.toString("utf8"), ...record.headers.values()];
  return texts.some((text) => text?.includes(filter) === true);
}
