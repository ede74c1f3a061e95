package datagen

import (
	"reflect"
	"testing"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

func TestParseConfigAppliesTheDocumentedDefaults(t *testing.T) {
	config, err := ParseConfig("test", map[string]string{"topic": "orders"})
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Topic: "orders", Count: -1, RatePerSecond: 0, BatchSize: 500, KeyType: KeyTypeSequence, ValueShape: ValueShapeRecord, Seed: 42}
	if config != want {
		t.Errorf("config = %+v, want %+v", config, want)
	}
}

func TestValidateReportsEachBadKey(t *testing.T) {
	tests := []struct {
		name   string
		config map[string]string
		key    string
		want   string
	}{
		{"topic is required", map[string]string{}, ConfigTopic,
			`Missing required configuration "topic" which has no default value.`},
		{"topic must be a Kafka topic name", map[string]string{"topic": "a,b"}, ConfigTopic,
			"Invalid value a,b for configuration topic: Value must match the pattern [a-zA-Z0-9._-]{1,249}"},
		{"count is a long", map[string]string{"topic": "t", "count": "many"}, ConfigCount,
			"Invalid value many for configuration count: Not a number of type LONG"},
		{"count is -1 or more", map[string]string{"topic": "t", "count": "-2"}, ConfigCount,
			"Invalid value -2 for configuration count: Value must be at least -1"},
		{"count fits a task's id range", map[string]string{"topic": "t", "count": "1000000000000"}, ConfigCount,
			"Invalid value 1000000000000 for configuration count: Value must be no more than 999999999999"},
		{"rate is not negative", map[string]string{"topic": "t", "rate": "-0.5"}, ConfigRate,
			"Invalid value -0.5 for configuration rate: Value must be at least 0"},
		{"rate is a number", map[string]string{"topic": "t", "rate": "fast"}, ConfigRate,
			"Invalid value fast for configuration rate: Not a number of type DOUBLE"},
		{"batch.size is at least 1", map[string]string{"topic": "t", "batch.size": "0"}, ConfigBatchSize,
			"Invalid value 0 for configuration batch.size: Value must be at least 1"},
		{"batch.size keeps a batch under 4 MiB", map[string]string{"topic": "t", "batch.size": "4001"}, ConfigBatchSize,
			"Invalid value 4001 for configuration batch.size: Value must be no more than 4000"},
		{"key.type is one of three", map[string]string{"topic": "t", "key.type": "UUID"}, ConfigKeyType,
			"Invalid value UUID for configuration key.type: String must be one of: none, sequence, uuid"},
		{"value.shape is one of two", map[string]string{"topic": "t", "value.shape": "avro"}, ConfigValueShape,
			"Invalid value avro for configuration value.shape: String must be one of: record, string"},
		{"seed is a long", map[string]string{"topic": "t", "seed": "1.5"}, ConfigSeed,
			"Invalid value 1.5 for configuration seed: Not a number of type LONG"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			for _, result := range (Plugin{}).Validate(test.config) {
				want := []string(nil)
				if result.GetName() == test.key {
					want = []string{test.want}
				}
				if !reflect.DeepEqual(result.GetErrors(), want) {
					t.Errorf("%s: errors = %q, want %q", result.GetName(), result.GetErrors(), want)
				}
			}
		})
	}
}

func TestDescribeDefinesEveryKeyForAUserToRead(t *testing.T) {
	plugin := (Plugin{}).Describe()
	if plugin.GetClassName() != ClassName || plugin.GetKind() != connectmeshv1.PluginKind_PLUGIN_KIND_SOURCE || plugin.GetVersion() != Version {
		t.Errorf("plugin = %v", plugin)
	}
	var names []string
	for _, definition := range plugin.GetConfigs() {
		names = append(names, definition.GetName())
		if definition.GetDocumentation() == "" || definition.GetImportance() == connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_UNSPECIFIED ||
			definition.GetType() == connectmeshv1.ConfigType_CONFIG_TYPE_UNSPECIFIED || definition.GetRequired() == (definition.DefaultValue != nil) {
			t.Errorf("%s is not fully defined: %v", definition.GetName(), definition)
		}
	}
	want := []string{"topic", "count", "rate", "batch.size", "key.type", "value.shape", "seed"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("keys = %v, want %v", names, want)
	}
}
