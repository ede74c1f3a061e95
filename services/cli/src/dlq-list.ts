import { ErrorHeaders } from "@connect-mesh/error-handling";
import type { KafkaClient } from "@connect-mesh/kafka";
import { readDeadLetters } from "./dead-letter-reader.js";
import type { DeadLetterSelection } from "./dead-letter-selection.js";
import type { DeadLetterTarget } from "./dead-letter-target.js";
import type { KafkaRecord } from "./kafka-record-reader.js";
import type { Output } from "./output.js";
import { shortText } from "./short-text.js";

/**
 * `cmesh dlq list <name>`: each selected record of the connector's dead-letter queue, one block each: its
 * place in the queue and when it was parked, where it came from, the stage and class that failed, the
 * error, and its key and value. Returns the exit code (0).
 */
export async function listDeadLetters(
  kafka: KafkaClient,
  target: DeadLetterTarget,
  selection: DeadLetterSelection,
  output: Output,
): Promise<number> {
  let count = 0;
  await readDeadLetters(kafka, target.topic, selection, (record) => {
    count += 1;
    for (const line of describeDeadLetter(record)) output.result(line);
  });
  output.result(
    count === 0
      ? `no records in ${target.topic} match`
      : `${count} record${count === 1 ? "" : "s"} in ${target.topic}`,
  );
  return 0;
}

/** The lines `dlq list` shows for one dead-letter record. */
export function describeDeadLetter(record: KafkaRecord): string[] {
  const header = (name: string) => record.headers.get(name);
  const parkedAt = new Date(Number(record.timestamp)).toISOString();
  const from = header(ErrorHeaders.topic);
  const origin =
    from === undefined
      ? "(no context headers)"
      : header(ErrorHeaders.sourcePartition) !== undefined
        ? `source ${header(ErrorHeaders.sourcePartition)} ${header(ErrorHeaders.sourceOffset) ?? ""} for ${from}`
        : `${from}:${header(ErrorHeaders.partition) ?? "?"}:${header(ErrorHeaders.offset) ?? "?"}`;
  const lines = [`${record.topic}:${record.partition}:${record.offset}  parked ${parkedAt}  from ${origin}`];
  const stage = header(ErrorHeaders.stage);
  if (stage !== undefined) lines.push(`  stage: ${stage} (${header(ErrorHeaders.className) ?? "?"})`);
  const message = header(ErrorHeaders.exceptionMessage);
  if (message !== undefined)
    lines.push(`  error: ${header(ErrorHeaders.exceptionClassName) ?? "Error"}: ${shortText(message)}`);
  lines.push(`  key:   ${record.key === null ? "null" : shortText(record.key.toString("utf8"))}`);
  lines.push(`  value: ${record.value === null ? "null" : shortText(record.value.toString("utf8"))}`);
  return lines;
}
