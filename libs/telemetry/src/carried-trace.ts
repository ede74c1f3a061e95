import { type Context, ROOT_CONTEXT, type TextMapGetter } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";

/**
 * An unsampled trace context that came from outside (a source plugin's record from a traced system, a
 * Kafka record another producer wrote), as it travels: its W3C `traceparent` and `tracestate` text, handed
 * on from carrier to carrier as it came, so the outside trace goes on. None of its hops records a span, so
 * the text is parsed only when a value is asked for, which on a record's path happens when it fails (its
 * failure is always traced, in this trace) or a log line is written under it. A record whose trace starts
 * here and is not sampled carries no ids at all (see UNSAMPLED_RECORD).
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
