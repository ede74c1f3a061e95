package telemetry

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// SamplingRatioKey is the connector config key that sets the share of records traced.
const SamplingRatioKey = "trace.sampling.ratio"

// defaultSamplingRatio traces every record unless a connector says otherwise, as libs/telemetry does:
// tracing is off until an OTLP endpoint is set, so turning it on is the operator's choice of cost already.
const defaultSamplingRatio = 1.0

// decimalNumber is what libs/telemetry accepts: no sign, no hex, no "Inf" or "NaN".
var decimalNumber = regexp.MustCompile(`(?i)^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$`)

// SamplingRatioFrom reads the connector's trace.sampling.ratio from its config; the default when the key
// is absent or empty, an error naming the key when it is not a number from 0 to 1.
func SamplingRatioFrom(config map[string]string) (float64, error) {
	text := strings.TrimSpace(config[SamplingRatioKey])
	if text == "" {
		return defaultSamplingRatio, nil
	}
	ratio, err := strconv.ParseFloat(text, 64)
	if !decimalNumber.MatchString(text) || err != nil || ratio < 0 || ratio > 1 {
		return 0, fmt.Errorf("%s must be a number from 0 to 1 (the share of records traced), not %q", SamplingRatioKey, text)
	}
	return ratio, nil
}
