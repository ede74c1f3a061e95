import type { Record as ConnectRecord } from "@connect-mesh/proto";
import {
  batchSpanAttributes,
  type Context,
  extractGrpcMetadata,
  fromRecordTrace,
  type HopSpan,
  InvalidSamplingRatioError,
  isTracing,
  type MetadataCarrier,
  recordSpanAttributes,
  runWithContext,
  SAMPLING_RATIO_KEY,
  SpanKind,
  SpanNames,
  samplingRatioFrom,
  startBatchSpan,
  startRecordSpan,
  type TaskIdentity,
  toRecordTrace,
} from "@connect-mesh/telemetry";
import { ConfigError } from "../errors.js";

/** What a stream's `open` says about its task. */
interface OpenedTask {
  readonly connectorName: string;
  readonly taskId: number;
  readonly config: Readonly<Record<string, string>>;
}

/**
 * One task's tracing on the connector-service side of the contract: a span per record (the first hop of
 * its trace on a source, the last on a sink) and a span per batch linked to them, as children of the
 * context the worker put on the stream's call metadata, if any. With tracing off it does nothing and
 * leaves the records' own trace contexts as they are.
 */
export class TaskTracing {
  private readonly task: TaskIdentity;
  private readonly samplingRatio: number;
  private readonly callContext: Context;

  constructor(open: OpenedTask, callMetadata: MetadataCarrier) {
    this.task = { connector: open.connectorName, task: open.taskId };
    this.samplingRatio = samplingRatioOf(open.config);
    this.callContext = extractGrpcMetadata(callMetadata);
  }

  /**
   * Starts the spans of a batch the source plugin read, and puts each record's trace context on it
   * (`Record.trace`), where the worker continues it. A record the plugin gave a trace context of its own
   * (from a traced outside system) continues that trace; any other starts its own, sampled at the
   * connector's `trace.sampling.ratio`.
   */
  startSourceBatch(records: readonly ConnectRecord[]): BatchSpans {
    if (!isTracing()) return UNTRACED;
    const recordSpans = records.map((record) => {
      const span = startRecordSpan(SpanNames.sourceReadRecord, {
        parent: fromRecordTrace(record.trace),
        samplingRatio: this.samplingRatio,
        kind: SpanKind.PRODUCER,
        attributes: recordSpanAttributes(this.task, "source-read", {
          topic: record.topic,
          partition: record.kafkaPartition,
        }),
      });
      record.trace = toRecordTrace(span.context);
      return span;
    });
    return this.withBatchSpan(SpanNames.sourceReadBatch, "source-read", recordSpans);
  }

  /** Starts the spans of a batch the worker sent to the sink plugin, each record's continuing its trace. */
  startSinkBatch(records: readonly ConnectRecord[]): BatchSpans {
    if (!isTracing()) return UNTRACED;
    const recordSpans = records.map((record) =>
      startRecordSpan(SpanNames.sinkWriteRecord, {
        parent: fromRecordTrace(record.trace),
        samplingRatio: this.samplingRatio,
        kind: SpanKind.CONSUMER,
        attributes: recordSpanAttributes(
          this.task,
          "sink-write",
          record.kafkaPosition ?? { topic: record.topic },
        ),
      }),
    );
    return this.withBatchSpan(SpanNames.sinkWriteBatch, "sink-write", recordSpans);
  }

  /** Records a source read that failed before it gave a batch: always traced, as every failure is. */
  recordReadFailure(error: unknown): void {
    if (!isTracing()) return;
    const span = startBatchSpan(SpanNames.sourceReadBatch, {
      parent: this.callContext,
      records: [],
      attributes: batchSpanAttributes(this.task, "source-read", 0),
    });
    span.fail(error);
    span.end();
  }

  private withBatchSpan(name: string, hop: "source-read" | "sink-write", records: HopSpan[]): BatchSpans {
    const batch = startBatchSpan(name, {
      parent: this.callContext,
      records: records.map((span) => span.context),
      attributes: batchSpanAttributes(this.task, hop, records.length),
    });
    return new TracedBatch(batch, records);
  }
}

/** The spans of one batch, ended together once the batch is sent (source) or answered (sink). */
export interface BatchSpans {
  /** Runs the plugin's work on the batch with the batch span active, so its log lines carry the trace. */
  run<T>(work: () => T): T;
  /**
   * The batch failed. With `recordIndex`, that record failed: its span is recorded (sampled or not). The
   * others did not fail themselves, but those already recorded show the batch's error.
   */
  fail(error: unknown, recordIndex?: number): void;
  end(): void;
}

class TracedBatch implements BatchSpans {
  constructor(
    private readonly batch: HopSpan,
    private readonly records: readonly HopSpan[],
  ) {}

  run<T>(work: () => T): T {
    return runWithContext(this.batch.context, work);
  }

  fail(error: unknown, recordIndex?: number): void {
    this.batch.fail(error);
    this.records.forEach((span, index) => {
      if (index === recordIndex || span.isRecording) span.fail(error);
    });
  }

  end(): void {
    for (const span of this.records) span.end();
    this.batch.end();
  }
}

const UNTRACED: BatchSpans = { run: (work) => work(), fail: () => undefined, end: () => undefined };

/** The task's sampling ratio; a bad one refuses the stream as a config error, naming the key. */
function samplingRatioOf(config: Readonly<Record<string, string>>): number {
  try {
    return samplingRatioFrom(config);
  } catch (error) {
    if (!(error instanceof InvalidSamplingRatioError)) throw error;
    throw new ConfigError("the task config", [{ key: SAMPLING_RATIO_KEY, message: error.message }]);
  }
}
