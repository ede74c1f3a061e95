import type { IncomingMessage } from "@connect-mesh/kafka";
import type { Record as MeshRecord, PackedRecords } from "@connect-mesh/proto";
import {
  type Context,
  extractKafkaHeaders,
  type HopSpan,
  isTracing,
  SpanKind,
  SpanNames,
  type TaskTracer,
  toRecordTrace,
} from "@connect-mesh/telemetry";
import { ConversionError } from "./errors/conversion-error.js";
import type { RecordFailure } from "./errors/record-failure.js";
import { fromKafkaMessage, packedSinkRun } from "./record-codec.js";
import type { TaskConverters } from "./task-converters.js";
import { applyTransforms, type TransformStage } from "./transform-stages.js";

/** A consumed Kafka message: where it was read, and the message itself. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly message: IncomingMessage;
}

/** What became of one consumed message. */
export type SinkRecordOutcome =
  /**
   * Ready for the connector: `record.trace` continues from `context`, the record's last hop here. The
   * message it came from stays with it, for a dead-letter copy should the connector refuse it.
   */
  | {
      readonly kind: "write";
      readonly record: MeshRecord;
      readonly context: Context;
      readonly consumed: ConsumedMessage;
    }
  | { readonly kind: "dropped" }
  | { readonly kind: "failed"; readonly failure: RecordFailure };

/**
 * A consumed Kafka message's way to the sink connector, in Connect's order: the key, value and header
 * converters, then the task's transforms. Each hop is a span continuing the trace the producer put in the
 * message's headers; the record handed on carries its trace in `Record.trace`, for the sink service's
 * `sink write record` span. A failure names its stage and class, and keeps the message's original bytes
 * for the dead-letter queue, as Connect does.
 */
export class SinkRecordPipeline {
  constructor(
    private readonly transforms: readonly TransformStage[],
    private readonly converters: TaskConverters,
    private readonly tracer: TaskTracer,
  ) {}

  /** This pipeline for one batch, whose records that start their trace here are sampled or not together. */
  forBatch(): SinkRecordPipeline {
    const tracer = this.tracer.forBatch();
    return tracer === this.tracer ? this : new SinkRecordPipeline(this.transforms, this.converters, tracer);
  }

  process(consumed: ConsumedMessage): SinkRecordOutcome {
    const { topic, partition, message } = consumed;
    const consume = this.tracer.recordHop(
      SpanNames.consume,
      "consume",
      extractKafkaHeaders(message.headers),
      { topic, partition, offset: message.offset },
      SpanKind.CONSUMER,
    );
    consume.end();
    const convert = this.tracer.recordHop(SpanNames.convert, "convert", consume.context);
    let record: MeshRecord;
    try {
      record = fromKafkaMessage(topic, partition, message, this.converters);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      return failed(consumed, error.stage, error.className, error, convert);
    }
    convert.end();
    const transformed = applyTransforms(this.transforms, record, convert.context, this.tracer);
    if (transformed.kind === "dropped") return transformed;
    if (transformed.kind === "failed")
      return failed(consumed, "TRANSFORMATION", transformed.className, transformed.error, transformed.span);
    const { context } = transformed;
    record = transformed.record;
    record.trace = toRecordTrace(context);
    return { kind: "write", record, context, consumed };
  }

  /**
   * A partition's consumed messages as one packed run, made straight from their bytes (packedSinkRun), when
   * nothing on the way needs their records: no transforms, and no hop to trace. A flat message carries no
   * trace header, so with tracing on its first hop here decides, for the batch (see forBatch): only when
   * it decided not to sample is every one unsampled for certain, which the run then says. Undefined
   * otherwise, or when the messages do not all read as flat: they then go through `process` one by one.
   */
  processRun(
    topic: string,
    partition: number,
    messages: readonly IncomingMessage[],
  ): PackedRecords | undefined {
    const tracing = isTracing();
    if (this.transforms.length > 0 || (tracing && this.tracer.samplingRatio > 0)) return undefined;
    const run = packedSinkRun(topic, partition, messages, this.converters);
    if (run !== undefined) run.unsampled = tracing;
    return run;
  }
}

/**
 * A failure of `consumed` in `stage`; the hop's span is marked failed (so it is recorded even when the
 * record was not sampled) and the dead-letter hop continues from it.
 */
function failed(
  consumed: ConsumedMessage,
  stage: RecordFailure["stage"],
  className: string,
  error: unknown,
  span: HopSpan,
): { readonly kind: "failed"; readonly failure: RecordFailure } {
  span.fail(error);
  span.end();
  return { kind: "failed", failure: sinkFailure(consumed, stage, className, error, span.context) };
}

/** A consumed message's failure: its Kafka position, and its original bytes for the dead-letter copy. */
export function sinkFailure(
  { topic, partition, message }: ConsumedMessage,
  stage: RecordFailure["stage"],
  className: string,
  error: unknown,
  trace: Context | undefined,
): RecordFailure {
  return {
    stage,
    className,
    error,
    origin: { kind: "kafka", topic, partition, offset: message.offset },
    content: { key: message.key, value: message.value, headers: message.headers ?? {} },
    trace,
  };
}
