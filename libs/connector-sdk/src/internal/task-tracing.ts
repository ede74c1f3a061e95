import type { Record as ConnectRecord, TraceContext } from "@connect-mesh/proto";
import {
  type Context,
  extractGrpcMetadata,
  fromRecordTrace,
  type HopSpan,
  InvalidSamplingRatioError,
  isTracing,
  type MetadataCarrier,
  runWithContext,
  SAMPLING_RATIO_KEY,
  SpanKind,
  SpanNames,
  TaskTracer,
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
 * One task's tracing on the connector-service side of the contract: a span per sampled record (the first
 * hop of its trace on a source, the last on a sink) and a span per batch linked to them, as children of
 * the context the worker put on the stream's call metadata, if any. A record not sampled gets no span
 * unless it fails. With tracing off it does nothing and leaves the records' own trace contexts as they are.
 */
export class TaskTracing {
  private readonly tracer: TaskTracer;
  private readonly callContext: Context;

  constructor(open: OpenedTask, callMetadata: MetadataCarrier) {
    this.tracer = tracerOf(open);
    this.callContext = extractGrpcMetadata(callMetadata);
  }

  /**
   * Starts the spans of a batch the source plugin read, and puts each record's trace context on it
   * (`Record.trace`), where the worker continues it. A record the plugin gave a trace context of its own
   * (from a traced outside system) continues that trace; the others start their own, sampled or not
   * together, once per batch at the connector's `trace.sampling.ratio` (TaskTracer.forBatch).
   */
  startSourceBatch(records: readonly ConnectRecord[]): BatchSpans {
    if (!isTracing()) return UNTRACED;
    const tracer = this.tracer.forBatch();
    const recordSpans = records.map((record) => {
      const parent = fromRecordTrace(record.trace);
      // A record not traced needs no span: a source fails its read, never a record after reading it.
      const silent = tracer.silentContext(parent);
      if (silent !== undefined) {
        if (silent !== parent) record.trace = toRecordTrace(silent);
        return undefined;
      }
      const span = tracer.recordHop(
        SpanNames.sourceReadRecord,
        "source-read",
        parent,
        { topic: record.topic, partition: record.kafkaPartition },
        SpanKind.PRODUCER,
      );
      record.trace = toRecordTrace(span.context);
      return span;
    });
    return this.withBatchSpan(SpanNames.sourceReadBatch, "source-read", recordSpans, () => undefined);
  }

  /**
   * Starts the spans of a batch the worker sent to the sink plugin, each record's continuing its trace. A
   * record whose trace is not sampled gets its span only if it fails (`BatchSpans.fail`), from the batch's
   * start: at a low ratio that is nearly every record.
   */
  startSinkBatch(records: readonly ConnectRecord[]): BatchSpans {
    if (!isTracing()) return UNTRACED;
    const tracer = this.tracer.forBatch();
    const startTime = Date.now();
    const sinkWriteHop = (record: ConnectRecord, parent: Context) =>
      tracer.recordHop(
        SpanNames.sinkWriteRecord,
        "sink-write",
        parent,
        record.kafkaPosition ?? { topic: record.topic },
        SpanKind.CONSUMER,
        startTime,
      );
    const recordSpans = records.map((record) => {
      const parent = fromRecordTrace(record.trace);
      return tracer.silentContext(parent) === undefined ? sinkWriteHop(record, parent) : undefined;
    });
    return this.withBatchSpan(SpanNames.sinkWriteBatch, "sink-write", recordSpans, (index) => {
      const record = records[index];
      return record === undefined ? undefined : sinkWriteHop(record, fromRecordTrace(record.trace));
    });
  }

  /** Records a source read that failed before it gave a batch: always traced, as every failure is. */
  recordReadFailure(error: unknown): void {
    const span = this.tracer.batchHop(SpanNames.sourceReadBatch, "source-read", this.callContext, []);
    span.fail(error);
    span.end();
  }

  /** The batch's span, linked to its records' traced spans, with the records' spans to end with it. */
  private withBatchSpan(
    name: string,
    hop: "source-read" | "sink-write",
    recordSpans: readonly (HopSpan | undefined)[],
    lateSpan: (recordIndex: number) => HopSpan | undefined,
  ): BatchSpans {
    const contexts: Context[] = [];
    for (const span of recordSpans) if (span !== undefined) contexts.push(span.context);
    return new TracedBatch(
      this.tracer.batchHop(name, hop, this.callContext, contexts),
      recordSpans,
      lateSpan,
    );
  }
}

/** The spans of one batch, ended together once the batch is sent (source) or answered (sink). */
export interface BatchSpans {
  /** Runs the plugin's work on the batch, a recorded batch span active, so its log lines carry the trace. */
  run<T>(work: () => T): T;
  /**
   * The batch failed. With `recordIndex`, that record failed: its span is recorded (sampled or not), and
   * its trace is returned for the error's `ConnectorError.trace`, so the worker's dead letter hop joins it.
   * The others did not fail themselves, but those already recorded show the batch's error.
   */
  fail(error: unknown, recordIndex?: number): TraceContext | undefined;
  end(): void;
}

class TracedBatch implements BatchSpans {
  /**
   * `records` holds each record's span by its index in the batch, undefined for a record whose span was
   * skipped (not sampled); `lateSpan` starts that one's span should it fail.
   */
  constructor(
    private readonly batch: HopSpan,
    private readonly records: readonly (HopSpan | undefined)[],
    private readonly lateSpan: (recordIndex: number) => HopSpan | undefined,
  ) {}

  run<T>(work: () => T): T {
    // Only a recorded batch has a trace for log lines to name, and keeping a context active across awaits
    // turns on Node 20's async hooks while the write runs, which slows every await of the service.
    return this.batch.isRecording ? runWithContext(this.batch.context, work) : work();
  }

  fail(error: unknown, recordIndex?: number): TraceContext | undefined {
    this.batch.fail(error);
    this.records.forEach((span, index) => {
      if (span !== undefined && index !== recordIndex && span.isRecording) span.fail(error);
    });
    if (recordIndex === undefined) return undefined;
    let failed = this.records[recordIndex];
    const isLate = failed === undefined;
    failed ??= this.lateSpan(recordIndex);
    if (failed === undefined) return undefined;
    failed.fail(error);
    // A span started here is not among those `end` ends.
    if (isLate) failed.end();
    return toRecordTrace(failed.context);
  }

  end(): void {
    for (const span of this.records) span?.end();
    this.batch.end();
  }
}

const UNTRACED: BatchSpans = { run: (work) => work(), fail: () => undefined, end: () => undefined };

/** The task's tracer; a bad sampling ratio refuses the stream as a config error, naming the key. */
function tracerOf(open: OpenedTask): TaskTracer {
  try {
    return TaskTracer.fromConfig({ connector: open.connectorName, task: open.taskId }, open.config);
  } catch (error) {
    if (!(error instanceof InvalidSamplingRatioError)) throw error;
    throw new ConfigError("the task config", [{ key: SAMPLING_RATIO_KEY, message: error.message }]);
  }
}
