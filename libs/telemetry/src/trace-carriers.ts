import { type Context, ROOT_CONTEXT, type TextMapGetter, type TextMapSetter } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { CarriedTrace, unsampledTraceOf } from "./carried-trace.js";
import { isCarriedUnsampled, UNSAMPLED_RECORD } from "./unsampled-record.js";

/**
 * The W3C trace context where it travels: per record in the contract's `Record.trace` and in Kafka
 * headers, per call in gRPC metadata. The propagator is used directly rather than through the global
 * one, so a process with tracing off still passes on the context it was given (see `startRecordSpan`).
 * An unsampled record's context is handed on as the marker the contract has for it (UNSAMPLED_RECORD), or,
 * when it came from outside, as the text it came as (see CarriedTrace), unparsed.
 */
const propagator = new W3CTraceContextPropagator();

/**
 * The Kafka headers that carry a record's W3C trace context. They are transport, not data: a consumer turns
 * them into the record's `Record.trace` instead of passing them on as headers.
 */
export const TRACE_HEADER_KEYS: ReadonlySet<string> = new Set(["traceparent", "tracestate"]);

/** The contract's `TraceContext` (record.proto): the two W3C headers as strings, empty when absent. */
export interface RecordTrace {
  traceparent: string;
  tracestate: string;
  /** The record's first hop decided not to trace it; the headers are empty then. */
  unsampled: boolean;
}

/** Shared by every unsampled record: nothing reads a record's trace to change it. */
const UNSAMPLED_RECORD_TRACE: RecordTrace = Object.freeze({
  traceparent: "",
  tracestate: "",
  unsampled: true,
});

/** Kafka record headers as kafkajs types them (`IHeaders`), without depending on kafkajs here. */
export type KafkaHeaders = { [key: string]: Buffer | string | (Buffer | string)[] | undefined };

/** The part of grpc-js's `Metadata` this needs; a `Metadata` instance fits as it is. */
export interface MetadataCarrier {
  get(key: string): (string | Buffer)[];
  set(key: string, value: string): void;
}

/** The trace context to put on a record (`Record.trace`), or undefined when `context` carries none. */
export function toRecordTrace(context: Context): RecordTrace | undefined {
  if (context === UNSAMPLED_RECORD) return UNSAMPLED_RECORD_TRACE;
  if (context instanceof CarriedTrace)
    return { traceparent: context.traceparent, tracestate: context.tracestate, unsampled: false };
  const fields: Partial<RecordTrace> = {};
  propagator.inject(context, fields, setField);
  return fields.traceparent === undefined
    ? undefined
    : { traceparent: fields.traceparent, tracestate: fields.tracestate ?? "", unsampled: false };
}

/** The context a record's trace continues from; the root context when the record carries none. */
export function fromRecordTrace(recordTrace: RecordTrace | undefined): Context {
  if (recordTrace === undefined) return ROOT_CONTEXT;
  if (recordTrace.unsampled) return UNSAMPLED_RECORD;
  if (recordTrace.traceparent === "") return ROOT_CONTEXT;
  return (
    unsampledTraceOf(recordTrace.traceparent, recordTrace.tracestate) ??
    propagator.extract(ROOT_CONTEXT, recordTrace, fieldGetter)
  );
}

/**
 * Sets `traceparent` (and `tracestate`, when there is one) on a Kafka record's headers; leaves them alone
 * when `context` carries no trace, and when it carries an unsampled record's (see isCarriedUnsampled). The
 * header would cost every such record its encoding, its bytes in Kafka and its decoding on the sink side
 * (about a tenth of the worker's CPU at 1% sampling) for a trace in which nothing is recorded. Without it,
 * the sink side's first hop decides anew, at the sink connector's ratio (see `startRecordSpan`).
 */
export function injectKafkaHeaders(context: Context, headers: KafkaHeaders): void {
  if (isCarriedUnsampled(context)) return;
  propagator.inject(context, headers, setField);
}

/** The context a consumed Kafka record's trace continues from; the root context without `traceparent`. */
export function extractKafkaHeaders(headers: KafkaHeaders | undefined): Context {
  if (headers === undefined) return ROOT_CONTEXT;
  const traceparent = firstHeader(headers, "traceparent");
  if (traceparent === undefined) return ROOT_CONTEXT;
  return (
    unsampledTraceOf(traceparent, firstHeader(headers, "tracestate") ?? "") ??
    propagator.extract(ROOT_CONTEXT, headers, kafkaHeaderGetter)
  );
}

/** Puts `context`'s trace on a gRPC call's metadata (sent once, when the call starts). */
export function injectGrpcMetadata(context: Context, metadata: MetadataCarrier): void {
  propagator.inject(context, metadata, metadataSetter);
}

/** The context a gRPC call's metadata carries; the root context when it carries none. */
export function extractGrpcMetadata(metadata: MetadataCarrier): Context {
  return propagator.extract(ROOT_CONTEXT, metadata, metadataGetter);
}

const setField: TextMapSetter<Record<string, unknown>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const fieldGetter: TextMapGetter<RecordTrace> = {
  get: (carrier, key) =>
    key === "traceparent" || key === "tracestate" ? carrier[key] || undefined : undefined,
  keys: () => ["traceparent", "tracestate"],
};

const kafkaHeaderGetter: TextMapGetter<KafkaHeaders> = {
  get: firstHeader,
  keys: (headers) => Object.keys(headers),
};

/** A header's value as text; of a header repeated on a record, the first, as a W3C receiver takes it. */
function firstHeader(headers: KafkaHeaders, key: string): string | undefined {
  const value = headers[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

const metadataSetter: TextMapSetter<MetadataCarrier> = {
  set: (metadata, key, value) => metadata.set(key, value),
};

const metadataGetter: TextMapGetter<MetadataCarrier> = {
  get: (metadata, key) => {
    const first = metadata.get(key)[0];
    return first === undefined ? undefined : first.toString();
  },
  keys: () => ["traceparent", "tracestate"],
};
