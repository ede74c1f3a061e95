package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"

	"connect-mesh.dev/connectors/datagen/internal/telemetry"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// DefaultGracePeriod is how long a graceful stop waits for open Read streams by default, as the
// TypeScript SDK does: workers end their streams when they see the service leave the registry.
const DefaultGracePeriod = 30 * time.Second

// workerKeepalive lets in the keep-alive pings workers send (every 10 s, also between calls, so that a
// peer that vanished without a FIN is found). gRPC-Go's default policy allows one ping per 5 minutes and
// none without a call, and closes the connection of a client that pings more ("too_many_pings").
var workerKeepalive = keepalive.EnforcementPolicy{MinTime: 5 * time.Second, PermitWithoutStream: true}

// Options say how to run a connector service.
type Options struct {
	// Host is the interface to listen on, e.g. "127.0.0.1".
	Host string
	// Port is the port to listen on; 0 takes any free one (see Server.Address).
	Port int
	// Plugins are the source plugins to host; at least one, with unique names.
	Plugins []SourcePlugin
	// Logger is the root logger; the server logs through children of it. Nil logs nothing.
	Logger *slog.Logger
	// Tracing traces the source tasks' reads; nil is tracing off.
	Tracing *telemetry.Tracing
	// GracePeriod bounds a graceful stop's wait for open streams; DefaultGracePeriod when zero.
	GracePeriod time.Duration
}

// Server is a running connector service.
type Server struct {
	grpcServer  *grpc.Server
	health      *health.Server
	source      *sourceService
	address     string
	gracePeriod time.Duration
	logger      *slog.Logger
	failed      chan error
	served      chan struct{}
	stopOnce    sync.Once
}

// Start listens on Options.Host:Options.Port and serves ConnectorService, SourceService, grpc.health.v1
// (SERVING from the moment it listens) and reflection.
func Start(options Options) (*Server, error) {
	catalog, err := newPluginCatalog(options.Plugins)
	if err != nil {
		return nil, err
	}
	target := net.JoinHostPort(options.Host, strconv.Itoa(options.Port))
	listener, err := net.Listen("tcp", target)
	if err != nil {
		return nil, fmt.Errorf("the connector service could not listen on %s: %w; free the port or set another", target, err)
	}
	if options.Logger == nil {
		options.Logger = slog.New(slog.DiscardHandler)
	}
	logger := options.Logger.With("component", "connector-server")
	server := &Server{
		// WaitForHandlers makes Stop wait for cancelled handlers to return, so no task outlives Stop.
		grpcServer:  grpc.NewServer(grpc.KeepaliveEnforcementPolicy(workerKeepalive), grpc.WaitForHandlers(true)),
		health:      health.NewServer(),
		source:      &sourceService{catalog: catalog, tracing: options.Tracing, logger: options.Logger},
		address:     listener.Addr().String(),
		gracePeriod: options.GracePeriod,
		logger:      logger,
		failed:      make(chan error, 1),
		served:      make(chan struct{}),
	}
	if server.gracePeriod <= 0 {
		server.gracePeriod = DefaultGracePeriod
	}
	connectmeshv1.RegisterConnectorServiceServer(server.grpcServer, &connectorService{catalog: catalog, logger: logger})
	connectmeshv1.RegisterSourceServiceServer(server.grpcServer, server.source)
	healthpb.RegisterHealthServer(server.grpcServer, server.health)
	reflection.Register(server.grpcServer)
	// The overall status ("") and each service's move together.
	for _, service := range []string{"", connectmeshv1.ConnectorService_ServiceDesc.ServiceName, connectmeshv1.SourceService_ServiceDesc.ServiceName} {
		server.health.SetServingStatus(service, healthpb.HealthCheckResponse_SERVING)
	}
	go server.serve(listener)
	logger.Info("connector service listening", "address", server.address, "plugins", len(catalog.description.GetPlugins()))
	return server, nil
}

func (s *Server) serve(listener net.Listener) {
	defer close(s.served)
	// Serve returns nil after Stop or GracefulStop; anything else means the listener broke.
	if err := s.grpcServer.Serve(listener); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		s.failed <- fmt.Errorf("the connector service stopped serving on %s: %w", s.address, err)
	}
}

// Address is where the service listens, "host:port", as the service registry advertises it.
func (s *Server) Address() string { return s.address }

// Failed receives an error if the server stops serving on its own (its listener broke).
func (s *Server) Failed() <-chan error { return s.failed }

// OpenReadStreams is the number of Read streams in progress.
func (s *Server) OpenReadStreams() int { return int(s.source.openStreams.Load()) }

// Stop stops the server; later calls do nothing. Health turns NOT_SERVING first, so nothing new is sent
// here. Graceful: no new calls, open ones may finish within the grace period, then the rest are cancelled
// (open health Watch streams among them: gRPC-Go's health server never ends those itself). Not graceful:
// every call is cancelled at once. Either way every task has stopped when Stop returns.
func (s *Server) Stop(graceful bool) {
	s.stopOnce.Do(func() {
		s.health.Shutdown()
		if graceful {
			s.logger.Info("stopping: no new calls; waiting for open streams to end",
				"open_read_streams", s.OpenReadStreams(), "grace_period", s.gracePeriod.String())
			s.stopGracefully()
		} else {
			s.grpcServer.Stop()
		}
		<-s.served
		s.logger.Info("connector service stopped")
	})
}

func (s *Server) stopGracefully() {
	finished := make(chan struct{})
	go func() {
		s.grpcServer.GracefulStop()
		close(finished)
	}()
	timer := time.NewTimer(s.gracePeriod)
	defer timer.Stop()
	select {
	case <-finished:
	case <-timer.C:
		s.logger.Warn("streams still open after the grace period; cancelling them", "open_read_streams", s.OpenReadStreams())
		// Stop cancels every call, which ends GracefulStop too.
		s.grpcServer.Stop()
		<-finished
	}
}
