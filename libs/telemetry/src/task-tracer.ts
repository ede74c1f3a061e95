import { type Context, SpanKind } from "@opentelemetry/api";
import {
  type HopSpan,
  hasTrace,
  isTracing,
  startBatchSpan,
  startRecordSpan,
  untracedSpan,
} from "./hop-span.js";
import { samplingRatioFrom } from "./sampling-ratio.js";
import {
  batchSpanAttributes,
  type Hop,
  type KafkaRecordPosition,
  recordSpanAttributes,
  type TaskIdentity,
} from "./span-attributes.js";
import { isCarriedUnsampled, UNSAMPLED_RECORD } from "./unsampled-record.js";

/**
 * One task's hops, with its connector, task and sampling ratio bound: the short way for a worker or a
 * connector service to start spans. With tracing off, or for a record that is not sampled, it builds no
 * attributes and returns spans that record nothing and pass the parent's context on.
 */
export class TaskTracer {
  private batchTracers: { readonly sampled: TaskTracer; readonly unsampled: TaskTracer } | undefined;

  constructor(
    readonly task: TaskIdentity,
    /** The connector's `trace.sampling.ratio`. */
    readonly samplingRatio: number,
  ) {}

  /**
   * The tracer for one batch: the batch is sampled or not as a whole, once, at the connector's ratio, and
   * every record of it that starts its trace here follows that decision (a record that continues a trace
   * from upstream keeps that trace's). So `trace.sampling.ratio` is the share of batches traced, which on
   * average is the share of records; and an unsampled batch's records all carry the same marker, which
   * lets them travel in the packed form instead of one by one.
   */
  forBatch(): TaskTracer {
    if (this.samplingRatio === 0 || this.samplingRatio === 1) return this;
    this.batchTracers ??= { sampled: new TaskTracer(this.task, 1), unsampled: new TaskTracer(this.task, 0) };
    return Math.random() < this.samplingRatio ? this.batchTracers.sampled : this.batchTracers.unsampled;
  }

  /** A task's tracer with the ratio read from its config; throws InvalidSamplingRatioError on a bad one. */
  static fromConfig(task: TaskIdentity, config: Readonly<Record<string, string | undefined>>): TaskTracer {
    return new TaskTracer(task, samplingRatioFrom(config));
  }

  /**
   * Starts one record's `hop`, named `name` (see SpanNames), continuing the record's trace from `parent`
   * (the previous hop's `context`, or what `fromRecordTrace` or `extractKafkaHeaders` gave), or starting it.
   * `startTime` (epoch ms) is for a hop started late, once its record failed (see `silentContext`).
   */
  recordHop(
    name: string,
    hop: Hop,
    parent: Context | undefined,
    position?: KafkaRecordPosition,
    kind: SpanKind = SpanKind.INTERNAL,
    startTime?: number,
  ): HopSpan {
    if (!isTracing()) return untracedSpan(name, kind, parent);
    return startRecordSpan(name, {
      parent,
      samplingRatio: this.samplingRatio,
      kind,
      // Built only for a span that records: an unsampled record's hop needs them only if it fails.
      attributes: () => recordSpanAttributes(this.task, hop, position),
      startTime,
    });
  }

  /**
   * The context a record's hop from `parent` would pass on while recording nothing, with tracing on: its
   * trace's unsampled marker, carried from upstream or decided now by this tracer (ratio 0, as an unsampled
   * batch's is). Undefined when the hop would start a span. A hop that records nothing needs starting only
   * if its record fails, so a caller with a batch of such records can skip them and start `recordHop` (with
   * the batch's `startTime`) for the one that fails: at a low ratio that is nearly every record.
   */
  silentContext(parent: Context): Context | undefined {
    if (isCarriedUnsampled(parent)) return parent;
    return this.samplingRatio === 0 && !hasTrace(parent) ? UNSAMPLED_RECORD : undefined;
  }

  /** Starts a batch's `hop`, linked to the hops of the records it carries (their `context`s). */
  batchHop(name: string, hop: Hop, parent: Context | undefined, records: readonly Context[]): HopSpan {
    if (!isTracing()) return untracedSpan(name, SpanKind.INTERNAL, parent);
    return startBatchSpan(name, {
      parent,
      records,
      attributes: batchSpanAttributes(this.task, hop, records.length),
    });
  }
}
