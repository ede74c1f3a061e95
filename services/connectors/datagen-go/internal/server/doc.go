// Package server is the connector service's gRPC edge: ConnectorService (Describe, Validate, Plan),
// SourceService (Read), grpc.health.v1.Health and server reflection, for the source plugins it hosts.
//
// It is the only place that turns errors into gRPC statuses (call_status.go); everything behind it returns
// plain Go errors.
package server
