package settings

import (
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

func lookupIn(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		value, isSet := env[name]
		return value, isSet
	}
}

func TestLoadUsesTheDefaultsWhenNothingIsSet(t *testing.T) {
	got, err := Load(lookupIn(map[string]string{"CONNECT_MESH_CLUSTER": "  "}), 77)
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{EtcdEndpoints: []string{"http://127.0.0.1:2379"}, Cluster: "local", InstanceID: "datagen-77", Port: 0, LogLevel: slog.LevelInfo}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("settings = %+v, want %+v", got, want)
	}
}

func TestLoadReadsEveryVariable(t *testing.T) {
	got, err := Load(lookupIn(map[string]string{
		"CONNECT_MESH_ETCD_ENDPOINTS": "http://a:1, http://b:2,",
		"CONNECT_MESH_CLUSTER":        "prod",
		"CONNECT_MESH_INSTANCE_ID":    "dg-a",
		"CONNECT_MESH_DATAGEN_PORT":   "7000",
		"CONNECT_MESH_METRICS_PORT":   "7001",
		"CONNECT_MESH_LOG_LEVEL":      "TRACE",
		"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318",
	}), 1)
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{EtcdEndpoints: []string{"http://a:1", "http://b:2"}, Cluster: "prod", InstanceID: "dg-a", Port: 7000,
		MetricsPort: 7001, OTLPEndpoint: "http://127.0.0.1:4318", LogLevel: slog.LevelDebug}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("settings = %+v, want %+v", got, want)
	}
}

func TestLoadNamesTheVariableThatIsWrong(t *testing.T) {
	for variable, value := range map[string]string{
		"CONNECT_MESH_DATAGEN_PORT":   "70000",
		"CONNECT_MESH_METRICS_PORT":   "-1",
		"CONNECT_MESH_LOG_LEVEL":      "loud",
		"CONNECT_MESH_ETCD_ENDPOINTS": " , ",
	} {
		_, err := Load(lookupIn(map[string]string{variable: value}), 1)
		if err == nil || !strings.Contains(err.Error(), variable) {
			t.Errorf("%s=%q: error %v, want one naming the variable", variable, value, err)
		}
	}
}
