import type { MessageHeaders } from "@connect-mesh/kafka";
import type { Context } from "@connect-mesh/telemetry";

/** Kafka Connect's stages, as `__connect.errors.stage` names them. */
export type ErrorStage =
  | "KEY_CONVERTER"
  | "VALUE_CONVERTER"
  | "HEADER_CONVERTER"
  | "TRANSFORMATION"
  | "TASK_PUT"
  | "TASK_POLL"
  | "KAFKA_PRODUCE"
  | "KAFKA_CONSUME";

/** Where a failed record came from: a Kafka position (sink side) or a source position (source side). */
export type RecordOrigin =
  | { readonly kind: "kafka"; readonly topic: string; readonly partition: number; readonly offset: string }
  | {
      readonly kind: "source";
      /** The topic the connector meant the record for. */
      readonly topic: string;
      /** The connector's source partition and offset as JSON text, e.g. {"filename":"a.txt"}. */
      readonly sourcePartition: string | undefined;
      readonly sourceOffset: string | undefined;
    };

/** The bytes a dead-letter copy holds: the original ones on the sink side, a rendering on the source side. */
export interface DeadLetterContent {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: MessageHeaders;
}

/** One record that failed in one stage, with what the error policy needs to skip, log or park it. */
export interface RecordFailure {
  readonly stage: ErrorStage;
  /** The class that was running: the converter, the transform, or the connector's plugin. */
  readonly className: string;
  readonly error: unknown;
  readonly origin: RecordOrigin;
  readonly content: DeadLetterContent;
  /** The failed hop's context (sampled, since a failed hop always is): the dead-letter hop continues it. */
  readonly trace: Context | undefined;
}

/** The record's place, for people: "topic orders partition 0 offset 17" or its source position. */
export function describeOrigin(origin: RecordOrigin): string {
  if (origin.kind === "kafka")
    return `topic "${origin.topic}" partition ${origin.partition} offset ${origin.offset}`;
  return `source partition ${origin.sourcePartition ?? "(none)"} offset ${origin.sourceOffset ?? "(none)"} (for topic "${origin.topic}")`;
}
