import { type Context, createContextKey, isSpanContextValid, TraceFlags, trace } from "@opentelemetry/api";
import { type Sampler, SamplingDecision, type SamplingResult } from "@opentelemetry/sdk-trace";

/** Set on the context a span starts in to record it whatever its parent says: a failure is always traced. */
const FORCE_SAMPLING = createContextKey("connect-mesh.force-sampling");
/** Set on the context a record's first span starts in: the share of its connector's records to trace. */
const SAMPLING_RATIO = createContextKey("connect-mesh.sampling-ratio");

const SAMPLED: SamplingResult = { decision: SamplingDecision.RECORD_AND_SAMPLED };
const DROPPED: SamplingResult = { decision: SamplingDecision.NOT_RECORD };

/** `context` with the next span started in it recorded and sampled, whatever its parent decided. */
export function withForcedSampling(context: Context): Context {
  return context.setValue(FORCE_SAMPLING, true);
}

/** `context` with a root span started in it sampled at `ratio` (0..1) instead of always. */
export function withSamplingRatio(context: Context, ratio: number): Context {
  return context.setValue(SAMPLING_RATIO, ratio);
}

/**
 * The sampler every connect-mesh process runs. Per-connector ratios do not fit one global sampler, so the
 * decision travels with the span's start context instead:
 * - forced (see `withForcedSampling`): sampled, so a failed record is traced even when its trace was not;
 * - with a parent: the parent's decision, so a record's trace is whole or absent across every process;
 * - a root with a ratio: sampled by its trace id, see `isSampledByRatio` (a record's first hop decides
 *   before it asks the SDK, see `startRecordSpan`, so only a batch with no sampled record comes here);
 * - any other root (a service's own work): sampled.
 */
export class RecordSampler implements Sampler {
  shouldSample(context: Context, traceId: string): SamplingResult {
    if (context.getValue(FORCE_SAMPLING) === true) return SAMPLED;
    const parent = trace.getSpanContext(context);
    if (parent !== undefined && isSpanContextValid(parent))
      return (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? SAMPLED : DROPPED;
    const ratio = context.getValue(SAMPLING_RATIO);
    if (typeof ratio !== "number") return SAMPLED;
    return isSampledByRatio(traceId, ratio) ? SAMPLED : DROPPED;
  }

  toString(): string {
    return "RecordSampler{forced, else parent, else the record's trace.sampling.ratio}";
  }
}

/** 2^52: the range of the 13 hex digits read, the most a double holds exactly. */
const RANDOM_RANGE = 2 ** 52;

/**
 * Whether a trace id falls in the sampled share `ratio`. It reads the high 52 of the id's 56 low bits,
 * which W3C Trace Context level 2 and OpenTelemetry's probability sampling treat as random, so the same id
 * gives the same answer in every process, and a ratio of r samples about r of all ids.
 */
export function isSampledByRatio(traceId: string, ratio: number): boolean {
  if (ratio >= 1) return true;
  if (ratio <= 0) return false;
  return Number.parseInt(traceId.slice(-14, -1), 16) < ratio * RANDOM_RANGE;
}
