package telemetry

import (
	"strconv"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"
)

func traceIDOf(t *testing.T, hex string) trace.TraceID {
	t.Helper()
	id, err := trace.TraceIDFromHex(hex)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// The same cases as libs/telemetry's record-sampler.test.ts: a record's decision must not depend on the
// language of the process that makes it.
func TestIsSampledByRatioDecidesAsTheTypeScriptSamplerDoes(t *testing.T) {
	for _, c := range []struct {
		id    string
		ratio float64
		want  bool
	}{
		{"0123456789abcdef0000000000000001", 0, false},
		{"0123456789abcdef0000000000000001", 0.001, true},
		{"0123456789abcdef00fffffffffffffe", 0.999, false},
		{"0123456789abcdef00fffffffffffffe", 1, true},
		{"ffffffffffffffffff80000000000000", 0.5, false},
		{"ffffffffffffffffff7fffffffffffff", 0.5, true},
	} {
		if got := IsSampledByRatio(traceIDOf(t, c.id), c.ratio); got != c.want {
			t.Errorf("IsSampledByRatio(%s, %v) = %v, want %v", c.id, c.ratio, got, c.want)
		}
	}
}

func TestIsSampledByRatioSamplesAboutTheRatiosShare(t *testing.T) {
	sampled := 0
	const ids = 20_000
	for i := uint64(1); i <= ids; i++ {
		hex := strconv.FormatUint(i*0x9e3779b97f4a7c15, 16)
		id := traceIDOf(t, strings.Repeat("0", 32-len(hex))+hex)
		if IsSampledByRatio(id, 0.1) {
			sampled++
		}
	}
	if share := float64(sampled) / ids; share < 0.08 || share > 0.12 {
		t.Errorf("sampled %.3f of the ids at ratio 0.1", share)
	}
}

func TestDrawSampledSamplesAboutTheRatiosShare(t *testing.T) {
	sampled := 0
	const draws = 20_000
	for range draws {
		if drawSampled(0.1) {
			sampled++
		}
	}
	if share := float64(sampled) / draws; share < 0.08 || share > 0.12 {
		t.Errorf("sampled %.3f of the draws at ratio 0.1", share)
	}
	for range 1000 {
		if drawSampled(0) || !drawSampled(1) {
			t.Fatal("ratio 0 sampled or ratio 1 did not")
		}
	}
}

func TestSamplingRatioFromReadsTheConnectorsKey(t *testing.T) {
	for text, want := range map[string]float64{"": 1, " 0.25 ": 0.25, "0": 0, "1": 1, "1e-2": 0.01, ".5": 0.5} {
		got, err := SamplingRatioFrom(map[string]string{SamplingRatioKey: text})
		if err != nil || got != want {
			t.Errorf("%q: ratio %v, error %v; want %v", text, got, err, want)
		}
	}
	for _, text := range []string{"1.5", "-0.1", "half", "NaN", "Inf", "0x1"} {
		if _, err := SamplingRatioFrom(map[string]string{SamplingRatioKey: text}); err == nil || !strings.Contains(err.Error(), SamplingRatioKey) {
			t.Errorf("%q: error %v, want one naming %s", text, err, SamplingRatioKey)
		}
	}
}
