import {
  Record as ConnectRecord,
  ErrorKind,
  SchemaType,
  type WriteRequest,
  type WriteResponse,
} from "@connect-mesh/proto";
import type { ConfigMap } from "../conformance-options.js";
import { CheckFailure } from "../internal/check-failure.js";
import type { CheckScope } from "../internal/check-scope.js";
import { statusName } from "../internal/status-name.js";
import type { StreamEvent, StreamProbe } from "../internal/stream-probe.js";
import { withStream } from "../internal/with-stream.js";
import type { CheckContext } from "./check-context.js";

/** The client side of a Write stream. */
export type WriteProbe = StreamProbe<WriteRequest, WriteResponse>;

/** What a sink task answered: the set oneof case of a WriteResponse. */
export type WriteAnswer = NonNullable<WriteResponse["message"]>;

/** Starts a Write call with the check's deadline, sends `open`, runs `use`, and cancels the call afterwards. */
export async function withOpenWrite<T>(
  context: CheckContext,
  scope: CheckScope,
  target: { readonly plugin: string; readonly config: ConfigMap },
  use: (probe: WriteProbe) => Promise<T>,
): Promise<T> {
  return withStream(context.clients.sink.write({ deadline: scope.callDeadlineAt }), async (probe) => {
    probe.send({
      message: {
        $case: "open",
        value: {
          plugin: target.plugin,
          connectorName: `conformance-${context.runId}`,
          taskId: 0,
          config: { ...target.config },
          assigned: [{ topic: topicOf(context), partition: 0 }],
        },
      },
    });
    return use(probe);
  });
}

/**
 * Records for batch `sequence` of a check: schemaful STRING values that say which run, check and batch
 * wrote them (so a durability probe can find exactly these), each with its own Kafka position.
 */
export function conformanceRecords(
  context: CheckContext,
  label: string,
  sequence: number,
  count: number,
): ConnectRecord[] {
  const topic = topicOf(context);
  return Array.from({ length: count }, (_, index) =>
    ConnectRecord.fromPartial({
      value: {
        kind: {
          $case: "stringValue",
          value: `conformance ${context.runId} ${label} batch ${sequence} record ${index + 1}`,
        },
      },
      valueSchema: { type: SchemaType.SCHEMA_TYPE_STRING },
      timestampMs: BigInt(Date.now()),
      topic,
      kafkaPosition: { topic, partition: 0, offset: BigInt((sequence - 1) * count + index) },
    }),
  );
}

/** Sends batch `sequence` with `records`. */
export function sendBatch(probe: WriteProbe, sequence: number, records: ConnectRecord[]): void {
  probe.send({ message: { $case: "batch", value: { sequence: BigInt(sequence), records, packed: [] } } });
}

/** Asks for everything through `sequence` to become durable. */
export function sendFlush(probe: WriteProbe, sequence: number): void {
  probe.send({ message: { $case: "flush", value: { throughSequence: BigInt(sequence) } } });
}

/** The next answer; the call ending, or nothing by the deadline, fails the check. */
export async function expectAnswer(probe: WriteProbe, scope: CheckScope, what: string): Promise<WriteAnswer> {
  return answerOf(await probe.next(scope, what), what);
}

/** The answer of an event, or a failure saying how the call ended instead. */
export function answerOf(event: StreamEvent<WriteResponse>, what: string): WriteAnswer {
  if (event.kind === "end") {
    throw new CheckFailure(
      `${what}: the call ended with ${statusName(event.status.code)}: ${event.status.details}`,
    );
  }
  const message = event.message.message;
  if (message === undefined)
    throw new CheckFailure(`${what}: the service sent a WriteResponse with nothing set`);
  return message;
}

/** An answer as a reader sees it: "ack 2", "flushed through 3", "WriteError for batch 1 (FATAL): ...". */
export function describeAnswer(answer: WriteAnswer): string {
  switch (answer.$case) {
    case "ack":
      return `ack ${answer.value.sequence}`;
    case "flushed":
      return `flushed through_sequence ${answer.value.throughSequence}`;
    case "error": {
      const error = answer.value.error;
      const kind = error === undefined ? "no error set" : (ErrorKind[error.kind] ?? String(error.kind));
      return `WriteError for batch ${answer.value.sequence} (${kind}): ${error?.message ?? ""}`;
    }
  }
}

function topicOf(context: CheckContext): string {
  return `conformance-${context.runId}`;
}
