import { ErrorHeaders } from "@connect-mesh/error-handling";
import { KafkaClient } from "@connect-mesh/kafka";
import { CommandError } from "./command-error.js";
import { fetchJaegerTrace } from "./jaeger-trace.js";
import { findRecordByKey, type KafkaRecord, readRecordAt } from "./kafka-record-reader.js";
import type { ObserveTargets } from "./observe-targets.js";
import type { Output } from "./output.js";
import type { RecordPosition } from "./record-position.js";
import { traceIdOfTraceparent } from "./record-position.js";
import { shortText } from "./short-text.js";
import { renderTraceTree } from "./trace-tree.js";

/** Which record to follow: one at a position, the newest with a key, or a connector's DLQ record. */
export type TraceTarget =
  | { readonly kind: "position"; readonly position: RecordPosition }
  | { readonly kind: "key"; readonly topic: string; readonly key: string }
  | { readonly kind: "dlq"; readonly position: RecordPosition };

/**
 * `cmesh trace`: reads the record from Kafka, takes its trace id (the `traceparent` header, or a DLQ
 * record's `__connect.errors.trace.id`), asks Jaeger for the trace and prints the record and its journey.
 * Exits 1 when the record, its trace context or its trace cannot be found, saying why.
 */
export async function traceRecord(
  target: TraceTarget,
  targets: ObserveTargets,
  output: Output,
): Promise<number> {
  const kafka = new KafkaClient({
    clientId: "cmesh-trace",
    brokers: targets.kafkaBootstrap,
    logs: "none",
  });
  const record = await recordOf(kafka, target);
  output.result(`record ${record.topic}:${record.partition}:${record.offset}`);
  output.result(`  key:   ${record.key === null ? "null" : shortText(record.key.toString("utf8"))}`);
  output.result(`  value: ${record.value === null ? "null" : shortText(record.value.toString("utf8"))}`);
  const id = traceIdOf(record, target.kind === "dlq");
  if (id === undefined) {
    output.error(
      "the record carries no trace context (no traceparent header): it was written with tracing off, not sampled, or not by connect-mesh",
    );
    return 1;
  }
  const trace = await fetchJaegerTrace(targets.jaegerUrl, id.traceId);
  if (trace === undefined) {
    output.error(
      id.sampled
        ? `trace ${id.traceId} is not in Jaeger at ${targets.jaegerUrl} (yet: spans are exported every few seconds; or Jaeger restarted)`
        : `trace ${id.traceId} was not sampled (the connector's trace.sampling.ratio); records that fail are always traced`,
    );
    return 1;
  }
  for (const line of renderTraceTree(trace)) output.result(line);
  return 0;
}

async function recordOf(kafka: KafkaClient, target: TraceTarget): Promise<KafkaRecord> {
  if (target.kind !== "key") return readRecordAt(kafka, target.position);
  const found = await findRecordByKey(kafka, target.topic, target.key);
  if (found === undefined)
    throw new CommandError(`no record in "${target.topic}" has the key "${target.key}"`);
  return found;
}

/** A DLQ record names its trace id itself; any record can carry `traceparent`. */
function traceIdOf(
  record: KafkaRecord,
  isDeadLetter: boolean,
): { traceId: string; sampled: boolean } | undefined {
  const dlqTraceId = record.headers.get(ErrorHeaders.traceId)?.trim();
  // A failed record is always traced, so the DLQ copy's trace id is sampled.
  if (isDeadLetter && dlqTraceId !== undefined && /^[0-9a-f]{32}$/.test(dlqTraceId))
    return { traceId: dlqTraceId, sampled: true };
  const traceparent = record.headers.get("traceparent");
  return traceparent === undefined ? undefined : traceIdOfTraceparent(traceparent);
}
