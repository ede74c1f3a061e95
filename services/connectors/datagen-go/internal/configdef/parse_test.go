package configdef

import (
	"math"
	"reflect"
	"testing"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

func TestParseTextFollowsConnectParseType(t *testing.T) {
	tests := []struct {
		name        string
		configType  connectmeshv1.ConfigType
		text        string
		want        any
		wantProblem string
	}{
		{"a string keeps its spaces", connectmeshv1.ConfigType_CONFIG_TYPE_STRING, " a b ", " a b ", ""},
		{"a class is trimmed", connectmeshv1.ConfigType_CONFIG_TYPE_CLASS, " x.Y ", "x.Y", ""},
		{"a boolean ignores case", connectmeshv1.ConfigType_CONFIG_TYPE_BOOLEAN, " TRUE ", true, ""},
		{"a boolean is only true or false", connectmeshv1.ConfigType_CONFIG_TYPE_BOOLEAN, "yes", nil, "Expected value to be either true or false"},
		{"an int takes a sign and spaces", connectmeshv1.ConfigType_CONFIG_TYPE_INT, " +42 ", int32(42), ""},
		{"an int refuses a fraction", connectmeshv1.ConfigType_CONFIG_TYPE_INT, "4.2", nil, "Not a number of type INT"},
		{"an int refuses 2^31", connectmeshv1.ConfigType_CONFIG_TYPE_INT, "2147483648", nil, "Not a number of type INT"},
		{"a short refuses 2^15", connectmeshv1.ConfigType_CONFIG_TYPE_SHORT, "32768", nil, "Not a number of type SHORT"},
		{"a long holds 2^63-1", connectmeshv1.ConfigType_CONFIG_TYPE_LONG, "9223372036854775807", int64(math.MaxInt64), ""},
		{"a long refuses 2^63", connectmeshv1.ConfigType_CONFIG_TYPE_LONG, "9223372036854775808", nil, "Not a number of type LONG"},
		{"a long refuses words", connectmeshv1.ConfigType_CONFIG_TYPE_LONG, "ten", nil, "Not a number of type LONG"},
		{"a double takes an exponent", connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE, "1.5e3", 1500.0, ""},
		{"a double takes a bare fraction", connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE, ".5", 0.5, ""},
		{"a double refuses hex floats", connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE, "0x1p-2", nil, "Not a number of type DOUBLE"},
		{"a double refuses underscores", connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE, "1_000", nil, "Not a number of type DOUBLE"},
		{"a list drops the spaces around commas", connectmeshv1.ConfigType_CONFIG_TYPE_LIST, " a , b,c ", []string{"a", "b", "c"}, ""},
		{"an empty list is empty", connectmeshv1.ConfigType_CONFIG_TYPE_LIST, "  ", []string{}, ""},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			got, problem := parseText(test.configType, test.text)
			if problem != test.wantProblem {
				t.Fatalf("problem = %q, want %q", problem, test.wantProblem)
			}
			if !reflect.DeepEqual(got, test.want) {
				t.Errorf("value = %#v, want %#v", got, test.want)
			}
		})
	}
}
