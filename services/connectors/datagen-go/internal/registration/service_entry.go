package registration

import (
	"fmt"
	"strings"
	"time"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// connectorServiceType is the type connector services register under; coordinators and workers watch it.
const connectorServiceType = "connector"

// serviceEntry is the registry's JSON value, field for field as libs/coordination's ServiceInstance, in the
// same order.
type serviceEntry struct {
	ServiceType string `json:"serviceType"`
	InstanceID  string `json:"instanceId"`
	Address     string `json:"address"`
	// MetricsAddress is where Prometheus /metrics is served, "host:port"; left out when there is none.
	MetricsAddress string             `json:"metricsAddress,omitempty"`
	Plugins        []registeredPlugin `json:"plugins"`
	Version        string             `json:"version"`
	RegisteredAt   string             `json:"registeredAt"`
}

// registeredPlugin is one hosted plugin as the registry advertises it (libs/coordination's RegisteredPlugin).
type registeredPlugin struct {
	ClassName string   `json:"className"`
	Aliases   []string `json:"aliases"`
	Kind      string   `json:"kind"`
	Version   string   `json:"version"`
}

// isoMillis is JavaScript's Date.toISOString layout (RFC 3339, UTC, milliseconds), which the TypeScript
// services write, so entries look alike whoever wrote them.
const isoMillis = "2006-01-02T15:04:05.000Z07:00"

func newServiceEntry(options Options, registeredAt time.Time) serviceEntry {
	plugins := make([]registeredPlugin, len(options.Plugins))
	for i, plugin := range options.Plugins {
		kind := "source"
		if plugin.GetKind() == connectmeshv1.PluginKind_PLUGIN_KIND_SINK {
			kind = "sink"
		}
		aliases := plugin.GetAliases()
		if aliases == nil {
			// JSON null would fail the registry's schema, which wants an array.
			aliases = []string{}
		}
		plugins[i] = registeredPlugin{ClassName: plugin.GetClassName(), Aliases: aliases, Kind: kind, Version: plugin.GetVersion()}
	}
	return serviceEntry{
		ServiceType:    connectorServiceType,
		InstanceID:     options.InstanceID,
		Address:        options.Address,
		MetricsAddress: options.MetricsAddress,
		Plugins:        plugins,
		Version:        options.Version,
		RegisteredAt:   registeredAt.UTC().Format(isoMillis),
	}
}

// serviceKey is `/connect-mesh/<cluster>/services/<type>/<instance id>`, each part URI-encoded as
// libs/coordination encodes it, so that a "/" in a name cannot reach into another's keys and a Go and a
// TypeScript instance with one id share one key.
func serviceKey(cluster, serviceType, instanceID string) string {
	return fmt.Sprintf("/connect-mesh/%s/services/%s/%s",
		encodeURIComponent(cluster), encodeURIComponent(serviceType), encodeURIComponent(instanceID))
}

// encodeURIComponent is JavaScript's: UTF-8 bytes percent-encoded in upper-case hex, except letters, digits
// and - _ . ! ~ * ' ( ). Go's url.PathEscape and QueryEscape each differ from it on some of those.
func encodeURIComponent(text string) string {
	const unreserved = "-_.!~*'()"
	var encoded strings.Builder
	for _, b := range []byte(text) {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte(unreserved, b) >= 0 {
			encoded.WriteByte(b)
			continue
		}
		fmt.Fprintf(&encoded, "%%%02X", b)
	}
	return encoded.String()
}
