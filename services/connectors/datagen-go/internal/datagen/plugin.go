package datagen

import (
	"log/slog"

	"connect-mesh.dev/connectors/datagen/internal/sourcestream"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// ClassName is the plugin's canonical name, as users write it in connector.class.
const ClassName = "dev.connectmesh.datagen.DatagenSource"

// Aliases are the other names accepted in connector.class.
var Aliases = []string{"DatagenSource", "datagen"}

// Plugin is the DatagenSource plugin, as the connector service hosts it. It keeps no state: every call
// gets what it needs from its request, as the contract asks of ConnectorService.
type Plugin struct{}

// Describe is the plugin's Describe entry.
func (Plugin) Describe() *connectmeshv1.Plugin {
	return &connectmeshv1.Plugin{
		ClassName: ClassName,
		Aliases:   Aliases,
		Kind:      connectmeshv1.PluginKind_PLUGIN_KIND_SOURCE,
		Version:   Version,
		Description: "Generates synthetic records, the same every time for a given seed, at a set rate: " +
			"a STRUCT with a Decimal, a Timestamp and an array, or a JSON string. For demos and benchmarks.",
		Configs: configSpec.Definitions(),
	}
}

// Validate checks a connector config key by key.
func (Plugin) Validate(config map[string]string) []*connectmeshv1.ConfigValueResult {
	return configSpec.Validate(config)
}

// Plan splits a connector config into min(maxTasks, MaxTasks) task configs; maxTasks is at least 1.
func (Plugin) Plan(connectorName string, config map[string]string, maxTasks int) ([]map[string]string, error) {
	return planTasks(connectorName, config, maxTasks)
}

// OpenTask starts the task a Read stream opens.
func (Plugin) OpenTask(open *connectmeshv1.ReadOpen, logger *slog.Logger) (sourcestream.Task, error) {
	return openTask(open, logger)
}
