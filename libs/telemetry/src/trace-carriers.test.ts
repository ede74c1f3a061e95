import { ROOT_CONTEXT, type SpanContext, TraceFlags, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import {
  extractGrpcMetadata,
  extractKafkaHeaders,
  fromRecordTrace,
  injectGrpcMetadata,
  injectKafkaHeaders,
  type KafkaHeaders,
  type MetadataCarrier,
  toRecordTrace,
} from "./trace-carriers.js";
import { UNSAMPLED_RECORD } from "./unsampled-record.js";

const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

function spanContext(flags = TraceFlags.SAMPLED): SpanContext {
  return {
    traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    spanId: "00f067aa0ba902b7",
    traceFlags: flags,
  };
}

const contextOf = (span: SpanContext) => trace.setSpanContext(ROOT_CONTEXT, span);
const extracted = (context: ReturnType<typeof contextOf>) => trace.getSpanContext(context);

/** A stand-in with grpc-js Metadata's get/set shape (the real one is checked in the SDK's tests). */
class FakeMetadata implements MetadataCarrier {
  readonly values = new Map<string, string[]>();
  get(key: string): string[] {
    return this.values.get(key) ?? [];
  }
  set(key: string, value: string): void {
    this.values.set(key, [value]);
  }
}

describe("record trace", () => {
  it("round-trips a sampled context through Record.trace", () => {
    const carried = toRecordTrace(contextOf(spanContext()));
    expect(carried).toEqual({ traceparent: TRACEPARENT, tracestate: "", unsampled: false });
    expect(extracted(fromRecordTrace(carried))).toMatchObject({ ...spanContext(), isRemote: true });
  });

  it("carries an unsampled context from outside as it came, so the outside trace goes on", () => {
    const carried = toRecordTrace(contextOf(spanContext(TraceFlags.NONE)));
    expect(carried?.traceparent).toBe(TRACEPARENT.replace(/-01$/, "-00"));
    expect(extracted(fromRecordTrace(carried))?.traceFlags).toBe(TraceFlags.NONE);
  });

  it("carries a record whose trace started here unsampled as the contract's marker, without ids", () => {
    const carried = toRecordTrace(UNSAMPLED_RECORD);
    expect(carried).toEqual({ traceparent: "", tracestate: "", unsampled: true });
    expect(fromRecordTrace(carried)).toBe(UNSAMPLED_RECORD);
    expect(fromRecordTrace({ traceparent: "", tracestate: "", unsampled: true })).toBe(UNSAMPLED_RECORD);
  });

  it("puts nothing on a record whose context has no trace, and reads an empty one as no trace", () => {
    expect(toRecordTrace(ROOT_CONTEXT)).toBeUndefined();
    expect(fromRecordTrace(undefined)).toBe(ROOT_CONTEXT);
    expect(fromRecordTrace({ traceparent: "", tracestate: "", unsampled: false })).toBe(ROOT_CONTEXT);
    expect(
      extracted(fromRecordTrace({ traceparent: "not-a-traceparent", tracestate: "", unsampled: false })),
    ).toBeUndefined();
  });
});

describe("Kafka headers", () => {
  it("round-trips traceparent and tracestate through a record's headers", () => {
    const headers: KafkaHeaders = { "content-type": "json" };
    const withState = { ...spanContext(), traceState: undefined };
    injectKafkaHeaders(contextOf(withState), headers);
    expect(headers).toEqual({ "content-type": "json", traceparent: TRACEPARENT });
    expect(extracted(extractKafkaHeaders(headers))).toMatchObject(spanContext());
  });

  it("reads headers as a consumer gets them: Buffers, repeated keys taking the first", () => {
    const consumed: KafkaHeaders = {
      traceparent: [Buffer.from(TRACEPARENT), Buffer.from(TRACEPARENT.replace("00f0", "11f0"))],
      tracestate: Buffer.from("vendor=a"),
    };
    const context = extractKafkaHeaders(consumed);
    expect(extracted(context)?.spanId).toBe("00f067aa0ba902b7");
    expect(extracted(context)?.traceState?.serialize()).toBe("vendor=a");
  });

  it("puts no trace headers on an unsampled record, and reads one it gets as the text it came as", () => {
    const unsampled = TRACEPARENT.replace(/-01$/, "-00");
    const headers: KafkaHeaders = { "content-type": "json" };
    injectKafkaHeaders(
      fromRecordTrace({ traceparent: unsampled, tracestate: "vendor=a", unsampled: false }),
      headers,
    );
    injectKafkaHeaders(UNSAMPLED_RECORD, headers);
    expect(headers).toEqual({ "content-type": "json" });
    const consumed = extractKafkaHeaders({ traceparent: Buffer.from(unsampled) });
    expect(toRecordTrace(consumed)).toEqual({ traceparent: unsampled, tracestate: "", unsampled: false });
    // Read as OpenTelemetry's span context only when asked for.
    expect(extracted(consumed)).toMatchObject({ ...spanContext(TraceFlags.NONE), isRemote: true });
  });

  it("gives the root context for a record without headers or without a traceparent", () => {
    expect(extractKafkaHeaders(undefined)).toBe(ROOT_CONTEXT);
    expect(extracted(extractKafkaHeaders({ other: "x" }))).toBeUndefined();
  });
});

describe("gRPC metadata", () => {
  it("round-trips a context through a call's metadata", () => {
    const metadata = new FakeMetadata();
    injectGrpcMetadata(contextOf(spanContext()), metadata);
    expect(metadata.get("traceparent")).toEqual([TRACEPARENT]);
    expect(extracted(extractGrpcMetadata(metadata))).toMatchObject(spanContext());
  });

  it("reads no trace from metadata that carries none", () => {
    expect(extracted(extractGrpcMetadata(new FakeMetadata()))).toBeUndefined();
  });
});
