import {
  type Attributes,
  type Context,
  isSpanContextValid,
  type Link,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from "@opentelemetry/api";
import { CarriedTrace } from "./carried-trace.js";
import { activeTracer } from "./internal/active-tracer.js";
import { scopedContexts } from "./internal/scoped-context-manager.js";
import { withForcedSampling, withSamplingRatio } from "./record-sampler.js";
import { isCarriedUnsampled, UNSAMPLED_RECORD } from "./unsampled-record.js";

/** Marks a span that was recorded only because its record failed (its earlier hops were not sampled). */
export const SAMPLED_ON_ERROR_ATTRIBUTE = "connect-mesh.sampled_on_error";

/**
 * A span's attributes, or how to build them: an unsampled hop builds them only if it fails, which saves
 * building them for nearly every record at a low sampling ratio.
 */
export type HopAttributes = Attributes | (() => Attributes);

/** How to start the span of one record's hop. */
export interface RecordSpanOptions {
  /**
   * Where the record's trace comes from (`fromRecordTrace`, `extractKafkaHeaders`, or the previous hop's
   * `span.context`). Without a valid trace in it, this span starts the record's trace.
   */
  readonly parent?: Context;
  /** The connector's `trace.sampling.ratio`; it decides only when this span starts the trace. */
  readonly samplingRatio: number;
  readonly kind?: SpanKind;
  readonly attributes?: HopAttributes;
  /**
   * When the hop began (epoch ms), for a hop started late: a caller that skipped an unsampled record's hop
   * (see `TaskTracer.silentContext`) starts it only once the record fails, from the batch's start.
   */
  readonly startTime?: number;
}

/** How to start the span of a batch's hop. */
export interface BatchSpanOptions {
  /** The call's context (`extractGrpcMetadata`), if it carries one. */
  readonly parent?: Context;
  /** The contexts of the record spans the batch carries: sampled ones become links. */
  readonly records: readonly Context[];
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
}

/**
 * The span of one hop (a record's or a batch's), with the failure rule on top: `fail` always ends up in a
 * recorded span. With tracing off it records nothing and its `context` is what it was given, so a process
 * without tracing passes its upstream's trace on unchanged.
 */
export class HopSpan {
  private attributes: HopAttributes | undefined;
  private readonly startTime: number;
  /** Whether this hop belongs to an unsampled trace: it records nothing unless it fails. */
  private readonly isUnsampled: boolean;

  /**
   * @internal Use `startRecordSpan` or `startBatchSpan`. `span` is undefined with tracing off, and for an
   * unsampled record's hop (`spanContext` is then UNSAMPLED_RECORD or a CarriedTrace, see
   * isCarriedUnsampled).
   */
  constructor(
    private readonly name: string,
    private readonly kind: SpanKind,
    private span: Span | undefined,
    private spanContext: Context,
    attributes: HopAttributes | undefined,
    startTime?: number,
  ) {
    // A recorded span keeps its own start and attributes; an unsampled one needs them only if it fails.
    this.isUnsampled =
      span === undefined
        ? isCarriedUnsampled(spanContext) && activeTracer() !== undefined
        : !span.isRecording();
    this.attributes = this.isUnsampled ? attributes : undefined;
    this.startTime = this.isUnsampled ? (startTime ?? Date.now()) : 0;
  }

  /** The context to continue the record's trace from: the next hop's parent, what carriers inject. */
  get context(): Context {
    return this.spanContext;
  }

  /** Whether this hop is recorded (sampled, or forced by a failure). */
  get isRecording(): boolean {
    return this.span?.isRecording() ?? false;
  }

  /**
   * The W3C trace id, or undefined with tracing off or for a record not traced since its trace started
   * here (until it fails): what a DLQ copy or a log line can name.
   */
  get traceId(): string | undefined {
    if (this.span === undefined && this.isUnsampled && this.spanContext instanceof CarriedTrace)
      return this.spanContext.traceId;
    const spanContext = this.span?.spanContext();
    return spanContext !== undefined && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
  }

  setAttributes(attributes: Attributes): void {
    if (this.span?.isRecording()) this.span.setAttributes(attributes);
    else if (this.isUnsampled) this.attributes = { ...attributesOf(this.attributes), ...attributes };
  }

  /**
   * Marks the hop failed with `error`. A failed record is always traced: when this hop was not sampled, a
   * new span with the same name, start and attributes is recorded, forced-sampled, and `context` continues
   * from it, sampled, for the hops that follow (the DLQ produce). For a record whose trace came from
   * outside it is a child in that trace; for one whose trace started here unsampled, which carries no ids,
   * it starts a new trace, the one its DLQ copy names. The hops before it stay unrecorded: keeping every
   * record's spans until its fate is known would be tail sampling, a collector's job, not a worker's.
   */
  fail(error: unknown): void {
    const tracer = activeTracer();
    if (tracer === undefined || (this.span === undefined && !this.isUnsampled)) return;
    if (this.span === undefined || !this.span.isRecording()) {
      const forced = tracer.startSpan(
        this.name,
        {
          kind: this.kind,
          startTime: this.startTime,
          attributes: { ...attributesOf(this.attributes), [SAMPLED_ON_ERROR_ATTRIBUTE]: true },
        },
        withForcedSampling(this.spanContext),
      );
      this.span = forced;
      this.spanContext = trace.setSpan(this.spanContext, forced);
    }
    const span = this.span;
    const exception = error instanceof Error ? error : new Error(String(error));
    span.recordException(exception);
    span.setAttribute("error.type", exception.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
  }

  /** Ends the hop; call it once, after `fail` if it failed. */
  end(): void {
    this.span?.end();
  }
}

/**
 * Starts the span of one record's hop: a child of `parent` when that carries a trace (sampled or not, as
 * the trace's first hop decided), else the first span of a new trace for this record, sampled at
 * `samplingRatio`. Each record is its own trace, so sampling is decided per record, once, at its first
 * hop; an unsampled record's hops record nothing and carry on only that it is unsampled (UNSAMPLED_RECORD),
 * or the outside trace it came with, as text (a CarriedTrace).
 */
export function startRecordSpan(name: string, options: RecordSpanOptions): HopSpan {
  const parent = options.parent ?? ROOT_CONTEXT;
  const kind = options.kind ?? SpanKind.INTERNAL;
  const tracer = activeTracer();
  if (tracer === undefined) return untracedSpan(name, kind, parent);
  // A record whose trace was not sampled gets no span of its own at this hop, only its trace carried on:
  // starting and dropping one per hop per record cost more than a third of the throughput at 1%. Should it
  // fail, `fail` still records a span.
  if (isCarriedUnsampled(parent))
    return new HopSpan(name, kind, undefined, parent, options.attributes, options.startTime);
  const parentSpan = trace.getSpan(parent);
  if (parentSpan !== undefined && isUnsampled(parentSpan.spanContext()))
    return new HopSpan(name, kind, parentSpan, parent, options.attributes, options.startTime);
  let startIn = parent;
  if (!hasTrace(parent)) {
    // The record's first hop decides, once, and the decision travels with the record: an unsampled one
    // carries only UNSAMPLED_RECORD on; a sampled one gets its span (and ids) from the SDK.
    if (Math.random() >= options.samplingRatio)
      return new HopSpan(name, kind, undefined, UNSAMPLED_RECORD, options.attributes, options.startTime);
    startIn = withForcedSampling(parent);
  }
  const span = tracer.startSpan(
    name,
    { kind, attributes: attributesOf(options.attributes), startTime: options.startTime },
    startIn,
  );
  return new HopSpan(name, kind, span, trace.setSpan(parent, span), undefined);
}

/**
 * Starts the span of a batch's hop, linked to the sampled record spans it carries. It is recorded when any
 * of them is (or its parent is): a batch with no traced record costs nothing in the trace backend, and its
 * `fail` still records it.
 */
export function startBatchSpan(name: string, options: BatchSpanOptions): HopSpan {
  const parent = options.parent ?? ROOT_CONTEXT;
  const kind = options.kind ?? SpanKind.INTERNAL;
  const tracer = activeTracer();
  if (tracer === undefined) return untracedSpan(name, kind, parent);
  const links: Link[] = [];
  for (const record of options.records) {
    // An unsampled record's trace is never linked: no need to look into it.
    if (isCarriedUnsampled(record)) continue;
    const linked = trace.getSpanContext(record);
    if (linked !== undefined && isSpanContextValid(linked) && linked.traceFlags & TraceFlags.SAMPLED)
      links.push({ context: linked });
  }
  const startIn =
    links.length > 0 ? withForcedSampling(parent) : hasTrace(parent) ? parent : withSamplingRatio(parent, 0);
  const span = tracer.startSpan(name, { kind, attributes: options.attributes, links }, startIn);
  return new HopSpan(name, kind, span, trace.setSpan(parent, span), options.attributes);
}

/** @internal A span for tracing off: it records nothing, and its context is the parent's, passed on. */
export function untracedSpan(name: string, kind: SpanKind, parent: Context | undefined): HopSpan {
  return new HopSpan(name, kind, undefined, parent ?? ROOT_CONTEXT, undefined);
}

/**
 * Whether spans are being recorded in this process. Per-record code can skip building span attributes when
 * it is not; the span helpers are no-ops then anyway.
 */
export function isTracing(): boolean {
  return activeTracer() !== undefined;
}

/**
 * Runs `work` with `context` active until it settles, awaits included, so the log lines it writes carry
 * its trace and span ids. Async hooks are on while it runs, which slows every await of the process: keep
 * it for work whose trace is recorded.
 */
export function runWithContext<T>(context: Context, work: () => T): T {
  return isTracing() ? scopedContexts.acrossAwaits(context, work) : work();
}

function attributesOf(attributes: HopAttributes | undefined): Attributes | undefined {
  return typeof attributes === "function" ? attributes() : attributes;
}

function isUnsampled(spanContext: SpanContext): boolean {
  return isSpanContextValid(spanContext) && (spanContext.traceFlags & TraceFlags.SAMPLED) === 0;
}

/** @internal Whether `context` holds a valid span context: a trace to continue rather than one to start. */
export function hasTrace(context: Context): boolean {
  const spanContext = trace.getSpanContext(context);
  return spanContext !== undefined && isSpanContextValid(spanContext);
}
