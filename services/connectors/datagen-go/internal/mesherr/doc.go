// Package mesherr holds the errors the contract gives a meaning to, and turns any error into the contract's
// ConnectorError.
//
// The one thing the worker must learn from an error is whether retrying may help, so an error says so by
// having a Retriable() bool method. An error without one is fatal, as an unexpected exception fails a Kafka
// Connect task: retrying it would only repeat it. Errors become gRPC statuses only at the service edge
// (package server), never here.
package mesherr
