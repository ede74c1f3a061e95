package registration

import (
	"encoding/json"
	"testing"
	"time"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

func TestServiceEntryIsTheRegistrysJSONFieldForField(t *testing.T) {
	entry := newServiceEntry(Options{
		InstanceID: "datagen-1",
		Address:    "127.0.0.1:4000",
		Version:    "0.1.0",
		Plugins: []*connectmeshv1.Plugin{{
			ClassName: "dev.connectmesh.datagen.DatagenSource", Aliases: []string{"datagen"},
			Kind: connectmeshv1.PluginKind_PLUGIN_KIND_SOURCE, Version: "0.1.0",
		}, {ClassName: "x.Sink", Kind: connectmeshv1.PluginKind_PLUGIN_KIND_SINK, Version: "1"}},
	}, time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.FixedZone("CET", 3600)))
	encoded, err := json.Marshal(entry)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"serviceType":"connector","instanceId":"datagen-1","address":"127.0.0.1:4000","plugins":[` +
		`{"className":"dev.connectmesh.datagen.DatagenSource","aliases":["datagen"],"kind":"source","version":"0.1.0"},` +
		`{"className":"x.Sink","aliases":[],"kind":"sink","version":"1"}],` +
		`"version":"0.1.0","registeredAt":"2026-01-02T02:04:05.006Z"}`
	if string(encoded) != want {
		t.Errorf("entry = %s\nwant    %s", encoded, want)
	}
}

func TestServiceKeyEncodesEachPartAsJavaScriptsEncodeURIComponent(t *testing.T) {
	tests := map[[2]string]string{
		{"local", "datagen-1"}:          "/connect-mesh/local/services/connector/datagen-1",
		{"prod/eu", "a b/c"}:            "/connect-mesh/prod%2Feu/services/connector/a%20b%2Fc",
		{"x", "keep-_.!~*'()"}:          "/connect-mesh/x/services/connector/keep-_.!~*'()",
		{"x", "host:port@x+y=z&w,v;u$"}: "/connect-mesh/x/services/connector/host%3Aport%40x%2By%3Dz%26w%2Cv%3Bu%24",
		{"x", "né"}:                     "/connect-mesh/x/services/connector/n%C3%A9",
	}
	for parts, want := range tests {
		if got := serviceKey(parts[0], connectorServiceType, parts[1]); got != want {
			t.Errorf("serviceKey(%q, %q) = %s, want %s", parts[0], parts[1], got, want)
		}
	}
}

func TestRetryDelayDoublesWithJitterUpToItsCap(t *testing.T) {
	for attempt, base := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second, 60: 10 * time.Second} {
		for range 20 {
			if delay := retryDelay(attempt); delay < base*8/10 || delay > base*12/10 {
				t.Fatalf("attempt %d: delay %v, want within 20%% of %v", attempt, delay, base)
			}
		}
	}
}

func TestServiceEntryAdvertisesTheMetricsAddressAfterTheAddress(t *testing.T) {
	entry := newServiceEntry(Options{InstanceID: "datagen-1", Address: "127.0.0.1:4000", MetricsAddress: "127.0.0.1:4001", Version: "1"},
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	encoded, err := json.Marshal(entry)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"serviceType":"connector","instanceId":"datagen-1","address":"127.0.0.1:4000","metricsAddress":"127.0.0.1:4001",` +
		`"plugins":[],"version":"1","registeredAt":"2026-01-02T03:04:05.000Z"}`
	if string(encoded) != want {
		t.Errorf("entry = %s\nwant    %s", encoded, want)
	}
}
