package configdef

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

var testSpec = MustDefine(
	Key{Name: "topic", Type: connectmeshv1.ConfigType_CONFIG_TYPE_STRING, Required: true, Validators: []*connectmeshv1.ConfigValidator{NonEmpty()}},
	Key{Name: "batch.size", Type: connectmeshv1.ConfigType_CONFIG_TYPE_INT, Default: "500", Validators: []*connectmeshv1.ConfigValidator{Between(1, 5000)}},
	Key{Name: "mode", Type: connectmeshv1.ConfigType_CONFIG_TYPE_STRING, Default: "a", Validators: []*connectmeshv1.ConfigValidator{OneOf("a", "b")}},
	Key{Name: "rate", Type: connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE, Default: "0", Validators: []*connectmeshv1.ConfigValidator{AtLeast(0)}},
	Key{Name: "code", Type: connectmeshv1.ConfigType_CONFIG_TYPE_STRING, Default: "ab", Validators: []*connectmeshv1.ConfigValidator{Pattern(`[a-z]+`)}},
	Key{Name: "secret", Type: connectmeshv1.ConfigType_CONFIG_TYPE_PASSWORD, Default: "", Group: "Security"},
)

func errorsByKey(results []*connectmeshv1.ConfigValueResult) map[string][]string {
	byKey := map[string][]string{}
	for _, result := range results {
		byKey[result.GetName()] = result.GetErrors()
	}
	return byKey
}

func TestValidateAnswersEveryDefinedKeyInOrder(t *testing.T) {
	results := testSpec.Validate(map[string]string{"topic": "t", "tasks.max": "3"})
	var names []string
	for _, result := range results {
		names = append(names, result.GetName())
		if len(result.GetErrors()) > 0 || !result.GetVisible() {
			t.Errorf("%s: errors %v, visible %v; want none and visible", result.GetName(), result.GetErrors(), result.GetVisible())
		}
	}
	want := []string{"topic", "batch.size", "mode", "rate", "code", "secret"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("keys = %v, want %v (runtime keys like tasks.max are not the plugin's)", names, want)
	}
}

func TestValidateReportsEachProblemOnItsKeyInConnectsWords(t *testing.T) {
	got := errorsByKey(testSpec.Validate(map[string]string{
		"batch.size": "0", "mode": "c", "rate": "NaN", "code": "AB",
	}))
	want := map[string][]string{
		"topic":      {`Missing required configuration "topic" which has no default value.`},
		"batch.size": {"Invalid value 0 for configuration batch.size: Value must be at least 1"},
		"mode":       {"Invalid value c for configuration mode: String must be one of: a, b"},
		"rate":       {"Invalid value NaN for configuration rate: Value must be at least 0"},
		"code":       {"Invalid value AB for configuration code: Value must match the pattern [a-z]+"},
		"secret":     nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors = %#v\nwant %#v", got, want)
	}
}

func TestValidateReportsAValueOfTheWrongType(t *testing.T) {
	got := errorsByKey(testSpec.Validate(map[string]string{"topic": "t", "batch.size": "lots"}))["batch.size"]
	want := []string{"Invalid value lots for configuration batch.size: Not a number of type INT"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors = %v, want %v", got, want)
	}
}

func TestValidateNeverEchoesASecret(t *testing.T) {
	for _, result := range testSpec.Validate(map[string]string{"secret": "hunter2"}) {
		if result.GetName() == "secret" && result.GetValue() != "[hidden]" {
			t.Errorf("secret echoed as %q, want [hidden]", result.GetValue())
		}
	}
}

func TestParseFillsDefaultsAndReadsTypedValues(t *testing.T) {
	values, err := testSpec.Parse("the test config", map[string]string{"topic": "orders", "rate": "2.5"})
	if err != nil {
		t.Fatal(err)
	}
	if values.String("topic") != "orders" || values.Int("batch.size") != 500 || values.Double("rate") != 2.5 || values.String("mode") != "a" {
		t.Errorf("values = %#v", values.byKey)
	}
}

func TestParseListsEveryProblemInOneError(t *testing.T) {
	_, err := testSpec.Parse("the test config", map[string]string{"batch.size": "0"})
	var configErr *ConfigError
	if !errors.As(err, &configErr) {
		t.Fatalf("error = %v, want a *ConfigError", err)
	}
	if len(configErr.Problems) != 2 || configErr.Retriable() {
		t.Errorf("problems = %v, retriable = %v; want 2 problems, not retriable", configErr.Problems, configErr.Retriable())
	}
	if !strings.HasPrefix(err.Error(), "the test config is invalid: topic: Missing required") {
		t.Errorf("message = %q", err.Error())
	}
}

func TestDefinitionsDescribeEachKeyAsConnectsConfigDefDoes(t *testing.T) {
	definitions := testSpec.Definitions()
	topic, batchSize, secret := definitions[0], definitions[1], definitions[5]
	if !topic.GetRequired() || topic.DefaultValue != nil {
		t.Errorf("topic: required %v, default %v; want required with no default", topic.GetRequired(), topic.DefaultValue)
	}
	if batchSize.GetRequired() || batchSize.GetDefaultValue() != "500" || batchSize.GetOrderInGroup() != 2 || batchSize.GetDisplayName() != "batch.size" {
		t.Errorf("batch.size definition = %v", batchSize)
	}
	if !secret.GetSecret() || secret.GetOrderInGroup() != 1 {
		t.Errorf("secret: secret %v, order %d; want secret, first in its group", secret.GetSecret(), secret.GetOrderInGroup())
	}
}

func TestMustDefineRefusesBrokenDefinitions(t *testing.T) {
	tests := map[string][]Key{
		"a key defined twice": {
			{Name: "a", Type: connectmeshv1.ConfigType_CONFIG_TYPE_STRING, Required: true},
			{Name: "a", Type: connectmeshv1.ConfigType_CONFIG_TYPE_STRING, Required: true},
		},
		"a default of the wrong type": {{Name: "n", Type: connectmeshv1.ConfigType_CONFIG_TYPE_INT, Default: "x"}},
		"a default that breaks its rule": {
			{Name: "n", Type: connectmeshv1.ConfigType_CONFIG_TYPE_INT, Default: "0", Validators: []*connectmeshv1.ConfigValidator{AtLeast(1)}},
		},
		"a pattern that does not compile": {
			{Name: "p", Type: connectmeshv1.ConfigType_CONFIG_TYPE_STRING, Default: "a", Validators: []*connectmeshv1.ConfigValidator{Pattern("(")}},
		},
	}
	for name, keys := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("MustDefine accepted broken keys")
				}
			}()
			MustDefine(keys...)
		})
	}
}
