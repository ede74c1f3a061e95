package sourcestream

import (
	"context"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// Task is a running source task, as a Read stream drives it.
type Task interface {
	// NextBatch returns the next records, at least one, blocking until there are some. It is called only
	// when a batch may be sent, and never concurrently. It returns ctx's error once ctx ends; any other
	// error fails the task and is reported to the worker (see mesherr for retriable or fatal).
	NextBatch(ctx context.Context) ([]*connectmeshv1.Record, error)
}

// TaskOpener starts the task a Read stream's open asks for. An *mesherr.UnknownPluginError refuses the
// call (NOT_FOUND); any other error is reported in the stream as the task's failure.
type TaskOpener func(open *connectmeshv1.ReadOpen) (Task, error)
