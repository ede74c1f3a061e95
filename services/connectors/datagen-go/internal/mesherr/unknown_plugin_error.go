package mesherr

import (
	"fmt"
	"strings"
)

// UnknownPluginError means a request named a plugin this service does not host. The call ends with
// NOT_FOUND, and the message lists what is hosted so a person can fix connector.class or the routing.
type UnknownPluginError struct {
	// Plugin is the name the request gave.
	Plugin string
	// Hosted describes each hosted plugin, e.g. "dev.connectmesh.datagen.DatagenSource (source; also datagen)".
	Hosted []string
}

func (e *UnknownPluginError) Error() string {
	hosted := strings.Join(e.Hosted, "; ")
	if hosted == "" {
		hosted = "nothing"
	}
	return fmt.Sprintf("this connector service hosts no plugin %q; it hosts: %s; check connector.class, "+
		"or route the connector to the service that hosts it", e.Plugin, hosted)
}

// Retriable is false: the same name will not be found on a retry.
func (e *UnknownPluginError) Retriable() bool { return false }
