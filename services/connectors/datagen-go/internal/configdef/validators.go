package configdef

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// AtLeast is Connect's Range.atLeast: a number no smaller than min.
func AtLeast(min float64) *connectmeshv1.ConfigValidator {
	return &connectmeshv1.ConfigValidator{Rule: &connectmeshv1.ConfigValidator_Range{
		Range: &connectmeshv1.NumberRange{Min: &min},
	}}
}

// Between is Connect's Range.between: a number from min to max, both inclusive.
func Between(min, max float64) *connectmeshv1.ConfigValidator {
	return &connectmeshv1.ConfigValidator{Rule: &connectmeshv1.ConfigValidator_Range{
		Range: &connectmeshv1.NumberRange{Min: &min, Max: &max},
	}}
}

// OneOf is Connect's ValidString.in: exactly one of values, case sensitive.
func OneOf(values ...string) *connectmeshv1.ConfigValidator {
	return &connectmeshv1.ConfigValidator{Rule: &connectmeshv1.ConfigValidator_Allowed{
		Allowed: &connectmeshv1.AllowedValues{Values: values},
	}}
}

// NonEmpty is Connect's NonEmptyString.
func NonEmpty() *connectmeshv1.ConfigValidator {
	return &connectmeshv1.ConfigValidator{Rule: &connectmeshv1.ConfigValidator_NonEmpty{
		NonEmpty: &connectmeshv1.NonEmptyString{},
	}}
}

// Pattern is a whole-string regular expression. The contract says ECMAScript syntax, so use only the part
// that RE2 and ECMAScript read alike (classes, repetition, alternation): UIs check it in JavaScript.
func Pattern(expression string) *connectmeshv1.ConfigValidator {
	return &connectmeshv1.ConfigValidator{Rule: &connectmeshv1.ConfigValidator_Pattern{Pattern: expression}}
}

// check says what is wrong with a parsed value under one rule, in Connect's words, or "" when it complies.
// A list is checked element by element, as Connect's ValidList does.
func check(validator *connectmeshv1.ConfigValidator, value any) (string, error) {
	if list, isList := value.([]string); isList {
		for _, element := range list {
			if problem, err := check(validator, element); problem != "" || err != nil {
				return problem, err
			}
		}
		return "", nil
	}
	switch rule := validator.GetRule().(type) {
	case *connectmeshv1.ConfigValidator_Range:
		return checkRange(rule.Range, value), nil
	case *connectmeshv1.ConfigValidator_Allowed:
		return checkAllowed(rule.Allowed, value), nil
	case *connectmeshv1.ConfigValidator_NonEmpty:
		if value == "" {
			return "String may not be empty", nil
		}
		return "", nil
	case *connectmeshv1.ConfigValidator_Pattern:
		anchored, err := regexp.Compile("^(?:" + rule.Pattern + ")$")
		if err != nil {
			return "", fmt.Errorf("the pattern %q is not a valid regular expression: %w", rule.Pattern, err)
		}
		if !anchored.MatchString(fmt.Sprint(value)) {
			return "Value must match the pattern " + rule.Pattern, nil
		}
		return "", nil
	default:
		return "", nil
	}
}

func checkRange(bounds *connectmeshv1.NumberRange, value any) string {
	var number float64
	switch v := value.(type) {
	case int32:
		number = float64(v)
	case int64:
		number = float64(v)
	case float64:
		number = v
	default:
		// Connect's Range only applies to numbers; other types pass, as there.
		return ""
	}
	// Written as !(x >= min) rather than x < min so that NaN fails both bounds instead of slipping through.
	if bounds.Min != nil && !(number >= *bounds.Min) {
		return "Value must be at least " + formatNumber(*bounds.Min)
	}
	if bounds.Max != nil && !(number <= *bounds.Max) {
		return "Value must be no more than " + formatNumber(*bounds.Max)
	}
	return ""
}

func checkAllowed(allowed *connectmeshv1.AllowedValues, value any) string {
	text := fmt.Sprint(value)
	for _, candidate := range allowed.GetValues() {
		if candidate == text || (allowed.GetCaseInsensitive() && strings.EqualFold(candidate, text)) {
			return ""
		}
	}
	qualifier := ""
	if allowed.GetCaseInsensitive() {
		qualifier = " (case insensitive)"
	}
	return fmt.Sprintf("String must be one of%s: %s", qualifier, strings.Join(allowed.GetValues(), ", "))
}

// formatNumber writes a bound as JavaScript would (1, 0.5, -1), so messages match the TypeScript SDK's.
func formatNumber(number float64) string {
	return strconv.FormatFloat(number, 'f', -1, 64)
}
