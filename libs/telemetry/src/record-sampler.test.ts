import { ROOT_CONTEXT, type SpanContext, SpanKind, TraceFlags, trace } from "@opentelemetry/api";
import { type Sampler, SamplingDecision } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { isSampledByRatio, RecordSampler, withForcedSampling, withSamplingRatio } from "./record-sampler.js";

const LOW_ID = "0123456789abcdef0000000000000001";
const HIGH_ID = "0123456789abcdef00fffffffffffffe";

function parent(flags: TraceFlags): SpanContext {
  return { traceId: LOW_ID, spanId: "00f067aa0ba902b7", traceFlags: flags, isRemote: true };
}

describe("RecordSampler", () => {
  const sampler: Sampler = new RecordSampler();
  const decide = (context = ROOT_CONTEXT, traceId = HIGH_ID) =>
    sampler.shouldSample(context, traceId, "hop", SpanKind.INTERNAL, {}, []).decision;

  it("samples a root span without a ratio: a service's own work", () => {
    expect(decide()).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("follows a sampled parent and an unsampled one alike, whatever the ratio", () => {
    const sampled = trace.setSpanContext(ROOT_CONTEXT, parent(TraceFlags.SAMPLED));
    const unsampled = trace.setSpanContext(ROOT_CONTEXT, parent(TraceFlags.NONE));
    expect(decide(withSamplingRatio(sampled, 0))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(withSamplingRatio(unsampled, 1))).toBe(SamplingDecision.NOT_RECORD);
  });

  it("samples a record's first span by its trace id and its connector's ratio", () => {
    expect(decide(withSamplingRatio(ROOT_CONTEXT, 0.5), LOW_ID)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(withSamplingRatio(ROOT_CONTEXT, 0.5), HIGH_ID)).toBe(SamplingDecision.NOT_RECORD);
  });

  it("samples a forced span even below an unsampled parent: a failure is always traced", () => {
    const unsampled = trace.setSpanContext(ROOT_CONTEXT, parent(TraceFlags.NONE));
    expect(decide(withForcedSampling(unsampled))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(withForcedSampling(withSamplingRatio(ROOT_CONTEXT, 0)))).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
  });
});

describe("isSampledByRatio", () => {
  it.each([
    [LOW_ID, 0, false],
    [LOW_ID, 0.001, true],
    [HIGH_ID, 0.999, false],
    [HIGH_ID, 1, true],
    ["ffffffffffffffffff80000000000000", 0.5, false],
    ["ffffffffffffffffff7fffffffffffff", 0.5, true],
  ])("decides %s at ratio %d: %s", (traceId, ratio, expected) => {
    expect(isSampledByRatio(traceId, ratio)).toBe(expected);
  });

  it("samples close to the ratio's share of random ids", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) =>
      (BigInt(i) * 0x9e3779b97f4a7c15n).toString(16).padStart(32, "0").slice(-32),
    );
    const share = ids.filter((id) => isSampledByRatio(id, 0.1)).length / ids.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
  });
});
