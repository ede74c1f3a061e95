import { SpanAttributes } from "@connect-mesh/telemetry";
import { type JaegerSpan, type JaegerTrace, tagOf } from "./jaeger-trace.js";
import { shortText } from "./short-text.js";

/**
 * A trace as a tree of a record's hops, one line per span in causal order (a child under its parent,
 * siblings by start time): its name, service and instance, duration, Kafka position, and under it the
 * record's key and value when the span carries them (only spans allowed to, see SpanAttributes.recordKey)
 * and the error when it failed.
 */
export function renderTraceTree(trace: JaegerTrace): string[] {
  const ids = new Set(trace.spans.map((span) => span.spanID));
  const children = new Map<string | undefined, JaegerSpan[]>();
  for (const span of trace.spans) {
    const parent = span.references.find((ref) => ref.refType === "CHILD_OF" && ids.has(ref.spanID))?.spanID;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const processes = new Set(trace.spans.map((span) => span.processID));
  const lines = [`trace ${trace.traceID}: ${trace.spans.length} spans from ${processes.size} processes`];
  const visit = (parent: string | undefined, prefix: string): void => {
    const spans = [...(children.get(parent) ?? [])].sort((a, b) => a.startTime - b.startTime);
    spans.forEach((span, index) => {
      const last = index === spans.length - 1;
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${hopLine(trace, span)}`);
      const under = `${prefix}${last ? "   " : "│  "}`;
      for (const detail of detailsOf(span)) lines.push(`${under}   ${detail}`);
      visit(span.spanID, under);
    });
  };
  visit(undefined, "");
  return lines;
}

function hopLine(trace: JaegerTrace, span: JaegerSpan): string {
  const process = trace.processes[span.processID];
  const instance = tagOf(process?.tags ?? [], "service.instance.id");
  const where = `${process?.serviceName ?? "?"}${instance === undefined ? "" : `/${String(instance)}`}`;
  const failed = tagOf(span.tags, "error") === true ? "  FAILED" : "";
  return `${span.operationName}  [${where}]  ${formatDuration(span.duration)}${positionOf(span)}${failed}`;
}

/** ` orders:0@41` when the span names a topic, with partition and offset when it has them. */
function positionOf(span: JaegerSpan): string {
  const topic = tagOf(span.tags, SpanAttributes.destinationName);
  if (topic === undefined) return "";
  const partition = tagOf(span.tags, SpanAttributes.partitionId);
  const offset = tagOf(span.tags, SpanAttributes.kafkaOffset);
  return `  ${String(topic)}${partition === undefined ? "" : `:${String(partition)}`}${offset === undefined ? "" : `@${String(offset)}`}`;
}

function detailsOf(span: JaegerSpan): string[] {
  const details: string[] = [];
  const key = tagOf(span.tags, SpanAttributes.recordKey);
  const value = tagOf(span.tags, SpanAttributes.recordValue);
  if (key !== undefined) details.push(`key:   ${shortText(String(key))}`);
  if (value !== undefined) details.push(`value: ${shortText(String(value))}`);
  const error = errorOf(span);
  // The first line only: the stack trace is in the span, for Jaeger's UI.
  if (error !== undefined) details.push(`error: ${error.split("\n")[0] ?? ""}`);
  return details;
}

/** The failure's message: the status description, else the recorded exception's message. */
function errorOf(span: JaegerSpan): string | undefined {
  if (tagOf(span.tags, "error") !== true) return undefined;
  const status = tagOf(span.tags, "otel.status_description");
  if (status !== undefined && status !== "") return String(status);
  for (const log of span.logs ?? []) {
    const message = tagOf(log.fields, "exception.message");
    if (message !== undefined) return String(message);
  }
  return "failed (no message recorded)";
}

/** Jaeger's microseconds as people read them: 850µs, 12.3ms, 2.10s. */
export function formatDuration(micros: number): string {
  if (micros < 1_000) return `${micros}µs`;
  if (micros < 1_000_000) return `${(micros / 1_000).toFixed(1)}ms`;
  return `${(micros / 1_000_000).toFixed(2)}s`;
}
