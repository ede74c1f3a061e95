import { randomFillSync } from "node:crypto";
import { type Context, ROOT_CONTEXT, type TextMapGetter } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";

/**
 * The trace context of a record that is not sampled, as it travels: its W3C `traceparent` and
 * `tracestate` text, handed on from carrier to carrier as it came. Nearly every record is unsampled at a
 * low ratio, and none of its hops records a span, so parsing the header into OpenTelemetry's span context
 * at every hop and formatting it again for the next carrier was most of what tracing at 1% cost. The text
 * is parsed only when a value is asked for, which on a record's path happens when it fails (its failure is
 * always traced, in this trace) or a log line is written under it.
 */
export class CarriedTrace implements Context {
  private parsed: Context | undefined;

  constructor(
    readonly traceparent: string,
    readonly tracestate: string,
  ) {}

  /** The trace id, as the DLQ copy and `cmesh trace` name it. */
  get traceId(): string {
    return this.traceparent.slice(TRACE_ID_START, TRACE_ID_END);
  }

  getValue(key: symbol): unknown {
    return this.resolved().getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return this.resolved().setValue(key, value);
  }

  deleteValue(key: symbol): Context {
    return this.resolved().deleteValue(key);
  }

  private resolved(): Context {
    this.parsed ??= propagator.extract(ROOT_CONTEXT, this, carriedGetter);
    return this.parsed;
  }
}

/**
 * The carried form of a trace context whose `traceparent` (version 00) says it is not sampled, or
 * undefined for any other: a sampled one, a later version, or text not shaped as a traceparent. Those go
 * through OpenTelemetry's propagator, which knows every rule. Only the shape is checked here (a regular
 * expression per record and hop was a visible share of the cost): ids that are not hex, or all zeros,
 * show up when the text is parsed, which leaves the record without a trace, as the propagator would.
 */
export function unsampledTraceOf(traceparent: string, tracestate: string): CarriedTrace | undefined {
  if (
    traceparent.length !== TRACEPARENT_LENGTH ||
    !traceparent.startsWith("00-") ||
    traceparent.charCodeAt(TRACE_ID_END) !== DASH ||
    traceparent.charCodeAt(PARENT_ID_END) !== DASH
  )
    return undefined;
  // `sampled` is the low bit of the flags, so the last hex digit decides it.
  const sampled = Number.parseInt(traceparent.charAt(TRACEPARENT_LENGTH - 1), 16) & 1;
  return sampled === 0 ? new CarriedTrace(traceparent, tracestate) : undefined;
}

/**
 * A new trace for a record, unsampled: random trace and parent ids with the `sampled` flag off. Its
 * parent id names no span (none is recorded); should the record fail, its traced failure is a child of
 * it, so the trace shows one span whose parent was never exported, as any unsampled upstream leaves.
 */
export function newUnsampledTrace(): CarriedTrace {
  const ids = randomIds();
  return new CarriedTrace(`00-${ids.slice(0, 32)}-${ids.slice(32)}-00`, "");
}

/** `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`: where each part starts and ends. */
const TRACEPARENT_LENGTH = 55;
const TRACE_ID_START = 3;
const TRACE_ID_END = 35;
const PARENT_ID_END = 52;
const DASH = 0x2d;
const propagator = new W3CTraceContextPropagator();

const carriedGetter: TextMapGetter<CarriedTrace> = {
  get: (carried, key) =>
    key === "traceparent"
      ? carried.traceparent
      : key === "tracestate" && carried.tracestate !== ""
        ? carried.tracestate
        : undefined,
  keys: () => ["traceparent", "tracestate"],
};

/** A trace id (16 bytes) and a parent id (8), drawn from a pool filled a thousand records at a time. */
const ID_BYTES = 24;
const IDS_PER_FILL = 1_024;
const idPool = Buffer.allocUnsafe(ID_BYTES * IDS_PER_FILL);
let nextIds = IDS_PER_FILL;

function randomIds(): string {
  if (nextIds === IDS_PER_FILL) {
    randomFillSync(idPool);
    nextIds = 0;
  }
  const start = nextIds * ID_BYTES;
  nextIds += 1;
  return idPool.toString("hex", start, start + ID_BYTES);
}
