// Package settings reads the service's settings from the environment; it is the only code that does.
package settings

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// Host is where the service listens. Only loopback for now, like the TypeScript connector services: the
// local mesh runs on one machine, and nothing here authenticates callers.
const Host = "127.0.0.1"

// levelSilent is above every level slog logs at, for CONNECT_MESH_LOG_LEVEL=silent.
const levelSilent = slog.Level(1 << 10)

// logLevels maps CONNECT_MESH_LOG_LEVEL to slog. The variable is shared with the TypeScript services, so
// pino's names are accepted too: trace logs as debug, fatal as error, silent not at all.
var logLevels = map[string]slog.Level{
	"trace":  slog.LevelDebug,
	"debug":  slog.LevelDebug,
	"info":   slog.LevelInfo,
	"warn":   slog.LevelWarn,
	"error":  slog.LevelError,
	"fatal":  slog.LevelError,
	"silent": levelSilent,
}

// Settings are the service's settings.
type Settings struct {
	// EtcdEndpoints are the mesh's etcd client URLs, where the service registers.
	EtcdEndpoints []string
	// Cluster names the cluster; the registry lives under /connect-mesh/<cluster>.
	Cluster string
	// InstanceID is this instance's id in the service registry.
	InstanceID string
	// Port is the gRPC port on Host; 0 takes any free port.
	Port int
	// MetricsPort is where Prometheus /metrics is served on Host; 0 takes any free port.
	MetricsPort int
	// OTLPEndpoint is OpenTelemetry's OTLP/HTTP base URL; empty leaves tracing off.
	OTLPEndpoint string
	// LogLevel is the lowest level logged.
	LogLevel slog.Level
}

// FromEnvironment reads the settings from the process environment; see Load.
func FromEnvironment() (Settings, error) {
	return Load(os.LookupEnv, os.Getpid())
}

// Load reads the settings through lookup: CONNECT_MESH_ETCD_ENDPOINTS (comma-separated, default
// http://127.0.0.1:2379), CONNECT_MESH_CLUSTER (default local), CONNECT_MESH_INSTANCE_ID (default
// datagen-<pid>), CONNECT_MESH_DATAGEN_PORT and CONNECT_MESH_METRICS_PORT (default 0, any free port),
// CONNECT_MESH_LOG_LEVEL (default info) and OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT (unset: tracing
// off). Empty counts as unset. A bad value is an error naming the variable and what it may be.
func Load(lookup func(string) (string, bool), pid int) (Settings, error) {
	get := func(name, fallback string) string {
		if value, isSet := lookup(name); isSet && strings.TrimSpace(value) != "" {
			return strings.TrimSpace(value)
		}
		return fallback
	}
	settings := Settings{
		Cluster:    get("CONNECT_MESH_CLUSTER", "local"),
		InstanceID: get("CONNECT_MESH_INSTANCE_ID", fmt.Sprintf("datagen-%d", pid)),
	}
	for _, endpoint := range strings.Split(get("CONNECT_MESH_ETCD_ENDPOINTS", "http://127.0.0.1:2379"), ",") {
		if endpoint = strings.TrimSpace(endpoint); endpoint != "" {
			settings.EtcdEndpoints = append(settings.EtcdEndpoints, endpoint)
		}
	}
	if len(settings.EtcdEndpoints) == 0 {
		return Settings{}, fmt.Errorf("CONNECT_MESH_ETCD_ENDPOINTS names no endpoint; give comma-separated URLs like http://127.0.0.1:2379")
	}
	var err error
	if settings.Port, err = portFrom("CONNECT_MESH_DATAGEN_PORT", get("CONNECT_MESH_DATAGEN_PORT", "0")); err != nil {
		return Settings{}, err
	}
	if settings.MetricsPort, err = portFrom("CONNECT_MESH_METRICS_PORT", get("CONNECT_MESH_METRICS_PORT", "0")); err != nil {
		return Settings{}, err
	}
	settings.OTLPEndpoint = get("OTEL_EXPORTER_OTLP_ENDPOINT", "")
	levelName := strings.ToLower(get("CONNECT_MESH_LOG_LEVEL", "info"))
	level, isKnown := logLevels[levelName]
	if !isKnown {
		return Settings{}, fmt.Errorf("CONNECT_MESH_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not %q", levelName)
	}
	settings.LogLevel = level
	return settings, nil
}

// portFrom reads a port variable's text; an error names the variable.
func portFrom(name, text string) (int, error) {
	port, err := strconv.Atoi(text)
	if err != nil || port < 0 || port > 65535 {
		return 0, fmt.Errorf("%s must be a TCP port from 0 to 65535 (0 takes any free port), not %q", name, text)
	}
	return port, nil
}
