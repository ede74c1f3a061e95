package server

import (
	"log/slog"
	"sync/atomic"

	"connect-mesh.dev/connectors/datagen/internal/sourcestream"
	"connect-mesh.dev/connectors/datagen/internal/telemetry"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// sourceService runs one source task per Read stream.
type sourceService struct {
	connectmeshv1.UnimplementedSourceServiceServer
	catalog *pluginCatalog
	tracing *telemetry.Tracing
	logger  *slog.Logger
	// openStreams counts Read streams in progress, for the stop log and for tests.
	openStreams atomic.Int64
}

func (s *sourceService) Read(stream connectmeshv1.SourceService_ReadServer) error {
	s.openStreams.Add(1)
	defer s.openStreams.Add(-1)
	openTask := func(open *connectmeshv1.ReadOpen) (sourcestream.Task, error) {
		plugin, err := s.catalog.find(open.GetPlugin())
		if err != nil {
			return nil, err
		}
		return plugin.OpenTask(open, s.logger)
	}
	err := sourcestream.Serve(stream, openTask, s.tracing, s.logger)
	if err == nil {
		return nil
	}
	stream.SetTrailer(errorTrailer(err))
	return callStatus(err).Err()
}
