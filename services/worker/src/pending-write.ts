import type { IncomingMessage } from "@connect-mesh/kafka";
import type { PackedRecords, SinkBatch } from "@connect-mesh/proto";
import { type Context, fromRecordTrace } from "@connect-mesh/telemetry";
import type { ConsumedMessage, SinkRecordOutcome } from "./sink-record-pipeline.js";

/** The trace of a record its first hop left unsampled. */
const UNSAMPLED_TRACE = { traceparent: "", tracestate: "", unsampled: true };

/** A record ready for the connector, with the message it came from (for the DLQ) and its trace. */
export type Writable = Extract<SinkRecordOutcome, { kind: "write" }>;

/**
 * Records on their way to a sink service, in the form their batch carries them. A service that refuses
 * one by index gets the records after it again, so the records can be cut at any index.
 */
export interface PendingWrite {
  readonly length: number;
  /** The batch that carries the records. */
  batch(sequence: bigint): SinkBatch;
  /** Record `index`'s message and the trace its hops continued, for the error policy. */
  at(index: number): { readonly consumed: ConsumedMessage; readonly context: Context } | undefined;
  /** The records from `index` on. */
  from(index: number): PendingWrite;
  /** Each record's Kafka timestamp, for the pipeline's end-to-end latency. */
  timestampsMs(): number[];
}

/** Records each carried on its own, as the pipeline made them. */
export function perRecordWrite(writables: readonly Writable[]): PendingWrite {
  return {
    length: writables.length,
    batch: (sequence) => ({ sequence, records: writables.map((w) => w.record), packed: [] }),
    at: (index) => writables[index],
    from: (index) => perRecordWrite(writables.slice(index)),
    timestampsMs: () => writables.map(({ consumed }) => Number(consumed.message.timestamp)),
  };
}

/**
 * A packed run of messages read from `partition` (see packedSinkRun), `messages` one per record. Its
 * messages had no trace header, so each record's hops continued nothing, or left it unsampled, as the run
 * says.
 */
export function packedWrite(
  run: PackedRecords,
  partition: { readonly topic: string; readonly partition: number },
  messages: readonly IncomingMessage[],
): PendingWrite {
  const context = fromRecordTrace(run.unsampled ? UNSAMPLED_TRACE : undefined);
  return {
    length: messages.length,
    batch: (sequence) => ({ sequence, records: [], packed: [run] }),
    // Made only for a record the error policy asks about: an object per record cost on every packed run.
    at: (index) => {
      const message = messages[index];
      return message && { consumed: { ...partition, message }, context };
    },
    from: (index) => packedWrite(runFrom(run, index), partition, messages.slice(index)),
    timestampsMs: () => messages.map((message) => Number(message.timestamp)),
  };
}

/** The records of `run` from `index` on. */
function runFrom(run: PackedRecords, index: number): PackedRecords {
  // Offsets that follow one another from the base still do from a base moved along with the cut.
  const isConsecutive = run.kafkaOffsetDeltas.length === 0;
  return {
    ...run,
    keys: run.keys.slice(index),
    values: run.values.slice(index),
    timestampDeltasMs: run.timestampDeltasMs.slice(index),
    kafkaBaseOffset:
      isConsecutive && run.kafkaBaseOffset !== undefined
        ? run.kafkaBaseOffset + BigInt(index)
        : run.kafkaBaseOffset,
    kafkaOffsetDeltas: run.kafkaOffsetDeltas.slice(index),
  };
}
