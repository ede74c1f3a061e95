package telemetry

import (
	"context"
	"math/rand/v2"
	"strconv"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// contextKey keys the sampling hints a span's start context carries.
type contextKey int

const (
	forceSamplingKey contextKey = iota
	samplingRatioKey
)

// withForcedSampling returns ctx with the next span started in it recorded whatever its parent decided:
// a failure is always traced.
func withForcedSampling(ctx context.Context) context.Context {
	return context.WithValue(ctx, forceSamplingKey, true)
}

// withSamplingRatio returns ctx with a root span started in it sampled at ratio (0..1) instead of always.
func withSamplingRatio(ctx context.Context, ratio float64) context.Context {
	return context.WithValue(ctx, samplingRatioKey, ratio)
}

// recordSampler is libs/telemetry's RecordSampler: per-connector ratios do not fit one global sampler, so
// the decision travels with the span's start context. Forced: sampled. With a parent: the parent's
// decision, so a record's trace is whole or absent across processes. A root with a ratio: sampled by its
// trace id (a record's first hop decides before it asks the SDK, see drawSampled, so only a batch span
// with no sampled record comes here, at ratio 0). Any other root: sampled. Dropped spans still get valid
// ids.
type recordSampler struct{}

func (recordSampler) ShouldSample(parameters sdktrace.SamplingParameters) sdktrace.SamplingResult {
	ctx := parameters.ParentContext
	parent := trace.SpanContextFromContext(ctx)
	result := sdktrace.SamplingResult{Decision: sdktrace.RecordAndSample, Tracestate: parent.TraceState()}
	if forced, _ := ctx.Value(forceSamplingKey).(bool); forced {
		return result
	}
	if parent.IsValid() {
		if !parent.IsSampled() {
			result.Decision = sdktrace.Drop
		}
		return result
	}
	if ratio, hasRatio := ctx.Value(samplingRatioKey).(float64); hasRatio && !IsSampledByRatio(parameters.TraceID, ratio) {
		result.Decision = sdktrace.Drop
	}
	return result
}

func (recordSampler) Description() string {
	return "RecordSampler{forced, else parent, else the record's trace.sampling.ratio}"
}

// randomRange is 2^52: the range of the 13 hex digits read, as libs/telemetry reads them.
const randomRange = 1 << 52

// IsSampledByRatio says whether a trace id falls in the sampled share ratio. It reads the same bits as
// libs/telemetry's isSampledByRatio (the high 52 of the id's 56 low bits, random by W3C Trace Context
// level 2), so the same id gets the same answer in every process and language.
func IsSampledByRatio(traceID trace.TraceID, ratio float64) bool {
	if ratio >= 1 {
		return true
	}
	if ratio <= 0 {
		return false
	}
	hex := traceID.String()
	random, err := strconv.ParseUint(hex[len(hex)-14:len(hex)-1], 16, 64)
	if err != nil {
		// Unreachable: a TraceID always prints as 32 hex digits.
		return true
	}
	return isInSampledShare(random, ratio)
}

// drawSampled decides whether a new trace is sampled at ratio, as IsSampledByRatio would for a trace id
// with 52 random bits drawn for it, without drawing the id: an unsampled record never needs one.
func drawSampled(ratio float64) bool {
	return isInSampledShare(rand.Uint64()>>12, ratio)
}

// isInSampledShare says whether 52 random bits fall in the share ratio of their range.
func isInSampledShare(random uint64, ratio float64) bool {
	return float64(random) < ratio*randomRange
}
