import type { OutgoingMessage } from "@connect-mesh/kafka";
import type { Record as MeshRecord, PackedRecords } from "@connect-mesh/proto";
import {
  fromRecordTrace,
  type HopSpan,
  injectKafkaHeaders,
  isTracing,
  SpanKind,
  SpanNames,
  type TaskTracer,
} from "@connect-mesh/telemetry";
import { ConversionError } from "./errors/conversion-error.js";
import type { RecordFailure } from "./errors/record-failure.js";
import { renderSourceRecord, sourceOriginOf } from "./errors/source-record-rendering.js";
import { packedKafkaMessages, toKafkaMessage } from "./record-codec.js";
import type { TaskConverters } from "./task-converters.js";
import { applyTransforms, type TransformStage } from "./transform-stages.js";

/** What became of one source record. */
export type SourceRecordOutcome =
  /** Ready to send: the message carries the trace; end `span` (the produce hop) once Kafka has it. */
  | {
      readonly kind: "produce";
      readonly topic: string;
      readonly message: OutgoingMessage;
      readonly span: HopSpan;
    }
  /** A transform dropped it (Filter, or a predicate-guarded one): nothing to send. */
  | { readonly kind: "dropped" }
  | { readonly kind: "failed"; readonly failure: RecordFailure };

/**
 * A source record's way from the connector to a Kafka message, in Connect's order: the task's transforms,
 * then the key, value and header converters. Each hop is a span continuing the trace the connector
 * service started (`Record.trace`); a failed hop is always traced, and its failure names the stage and
 * the class that failed, for the error policy. Pure apart from the spans: the Kafka send is the task's.
 */
export class SourceRecordPipeline {
  constructor(
    private readonly transforms: readonly TransformStage[],
    private readonly converters: TaskConverters,
    private readonly tracer: TaskTracer,
  ) {}

  /** This pipeline for one batch, whose records that start their trace here are sampled or not together. */
  forBatch(): SourceRecordPipeline {
    const tracer = this.tracer.forBatch();
    return tracer === this.tracer ? this : new SourceRecordPipeline(this.transforms, this.converters, tracer);
  }

  process(original: MeshRecord): SourceRecordOutcome {
    const transformed = applyTransforms(
      this.transforms,
      original,
      fromRecordTrace(original.trace),
      this.tracer,
    );
    if (transformed.kind === "dropped") return transformed;
    if (transformed.kind === "failed")
      return this.failed(
        original,
        "TRANSFORMATION",
        transformed.className,
        transformed.error,
        transformed.span,
      );
    const { record } = transformed;
    const convert = this.tracer.recordHop(SpanNames.convert, "convert", transformed.context);
    let message: OutgoingMessage;
    try {
      message = toKafkaMessage(record, this.converters);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      return this.failed(original, error.stage, error.className, error, convert);
    }
    convert.end();
    const produce = this.tracer.recordHop(
      SpanNames.produce,
      "produce",
      convert.context,
      { topic: record.topic },
      SpanKind.PRODUCER,
    );
    const headers = message.headers ?? {};
    message.headers = headers;
    injectKafkaHeaders(produce.context, headers);
    return { kind: "produce", topic: record.topic, message, span: produce };
  }

  /**
   * A packed run's Kafka messages, made straight from its flat keys and values (packedKafkaMessages), when
   * nothing on the way needs its records: no transforms, and no hop to trace (tracing is off, the run's
   * first hop left it unsampled, or it starts its traces here in a batch that is not sampled). Undefined
   * otherwise, or when a record fails to convert: the run then goes through `process` record by record,
   * which reports the failure with its record.
   */
  processRun(run: PackedRecords): OutgoingMessage[] | undefined {
    const mayTrace = isTracing() && !run.unsampled && this.tracer.samplingRatio > 0;
    if (this.transforms.length > 0 || mayTrace) return undefined;
    try {
      return packedKafkaMessages(run, this.converters);
    } catch {
      return undefined;
    }
  }

  /**
   * The record as it came from the connector (so a replay runs every transform again), blamed on `stage`;
   * the hop's span is marked failed, which records it even when the record was not sampled.
   */
  private failed(
    original: MeshRecord,
    stage: RecordFailure["stage"],
    className: string,
    error: unknown,
    span: HopSpan,
  ): SourceRecordOutcome {
    span.fail(error);
    span.end();
    return {
      kind: "failed",
      failure: {
        stage,
        className,
        error,
        origin: sourceOriginOf(original),
        content: renderSourceRecord(original),
        trace: span.context,
      },
    };
  }
}
