package server

import (
	"fmt"
	"log/slog"
	"strings"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"
	"connect-mesh.dev/connectors/datagen/internal/sourcestream"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// SourcePlugin is what the service needs from a hosted source plugin. Implementations keep no per-call
// state: any instance of the service may answer any call.
type SourcePlugin interface {
	// Describe is the plugin's entry in DescribeResponse, with its config definitions.
	Describe() *connectmeshv1.Plugin
	// Validate checks a connector config, one result per config key the plugin defines.
	Validate(config map[string]string) []*connectmeshv1.ConfigValueResult
	// Plan splits a connector config into at most maxTasks (at least 1) task configs. A bad config is a
	// *configdef.ConfigError.
	Plan(connectorName string, config map[string]string, maxTasks int) ([]map[string]string, error)
	// OpenTask starts the task that a Read stream opens.
	OpenTask(open *connectmeshv1.ReadOpen, logger *slog.Logger) (sourcestream.Task, error)
}

// pluginCatalog finds hosted plugins by class name or alias, matched exactly, as Connect matches
// connector.class.
type pluginCatalog struct {
	byName      map[string]SourcePlugin
	description *connectmeshv1.DescribeResponse
	hosted      []string
}

// newPluginCatalog fails if no plugin is given or two claim one name: a bug in the service's wiring.
func newPluginCatalog(plugins []SourcePlugin) (*pluginCatalog, error) {
	if len(plugins) == 0 {
		return nil, fmt.Errorf("a connector service must host at least one plugin; pass one in server.Options.Plugins")
	}
	catalog := &pluginCatalog{byName: map[string]SourcePlugin{}, description: &connectmeshv1.DescribeResponse{}}
	for _, plugin := range plugins {
		described := plugin.Describe()
		for _, name := range append([]string{described.GetClassName()}, described.GetAliases()...) {
			if taken, isTaken := catalog.byName[name]; isTaken {
				return nil, fmt.Errorf("plugins %s and %s both claim the name %q; names must be unique",
					taken.Describe().GetClassName(), described.GetClassName(), name)
			}
			catalog.byName[name] = plugin
		}
		catalog.description.Plugins = append(catalog.description.Plugins, described)
		hosted := described.GetClassName() + " (source"
		if len(described.GetAliases()) > 0 {
			hosted += "; also " + strings.Join(described.GetAliases(), ", ")
		}
		catalog.hosted = append(catalog.hosted, hosted+")")
	}
	return catalog, nil
}

// find returns the plugin with this class name or alias, or an *mesherr.UnknownPluginError listing the
// hosted plugins.
func (c *pluginCatalog) find(name string) (SourcePlugin, error) {
	plugin, isHosted := c.byName[name]
	if !isHosted {
		return nil, &mesherr.UnknownPluginError{Plugin: name, Hosted: c.hosted}
	}
	return plugin, nil
}
