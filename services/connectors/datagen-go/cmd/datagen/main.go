// Command datagen is the datagen connector service: the DatagenSource plugin behind the connector contract,
// registered in the mesh. This file is wiring only: settings, logger, server, registration, signals.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"connect-mesh.dev/connectors/datagen/internal/datagen"
	"connect-mesh.dev/connectors/datagen/internal/registration"
	"connect-mesh.dev/connectors/datagen/internal/server"
	"connect-mesh.dev/connectors/datagen/internal/settings"
	"connect-mesh.dev/connectors/datagen/internal/telemetry"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// serviceName is the service's name in its log lines and, as service.name, on its spans.
const serviceName = "connector-datagen"

// flushTimeout bounds exporting the spans still queued, and closing /metrics, on stop.
const flushTimeout = 5 * time.Second

// deregisterTimeout bounds leaving the registry on stop; past it the entry goes when its lease expires.
const deregisterTimeout = 5 * time.Second

func main() {
	os.Exit(run())
}

func run() int {
	config, err := settings.FromEnvironment()
	if err != nil {
		fmt.Fprintf(os.Stderr, "datagen: %v\n", err)
		return 2
	}
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: config.LogLevel})).
		With("service", serviceName, "version", datagen.Version)

	// The first SIGTERM or SIGINT stops gracefully; once stop() below has run, a second one kills the
	// process at once, Go's default, for a stop that takes too long.
	signals, stopSignals := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stopSignals()

	tracing, err := telemetry.Start(telemetry.Config{
		OTLPEndpoint: config.OTLPEndpoint, ServiceName: serviceName, InstanceID: config.InstanceID,
	})
	if err != nil {
		logger.Error("tracing could not start", "err", err)
		return 2
	}
	// Last, after the server has stopped: export the spans still queued.
	defer shutdownTracing(tracing, logger)
	metrics, err := telemetry.StartMetricsServer(settings.Host, config.MetricsPort)
	if err != nil {
		logger.Error("the metrics endpoint could not start", "err", err)
		return 1
	}
	defer closeMetrics(metrics, logger)

	plugin := datagen.Plugin{}
	srv, err := server.Start(server.Options{
		Host:    settings.Host,
		Port:    config.Port,
		Plugins: []server.SourcePlugin{plugin},
		Tracing: tracing,
		Logger:  logger,
	})
	if err != nil {
		logger.Error("the connector service could not start", "err", err)
		return 1
	}
	reg, err := registration.Register(signals, registration.Options{
		Endpoints:      config.EtcdEndpoints,
		Cluster:        config.Cluster,
		InstanceID:     config.InstanceID,
		Address:        srv.Address(),
		MetricsAddress: metrics.Address(),
		Plugins:        []*connectmeshv1.Plugin{plugin.Describe()},
		Version:        datagen.Version,
		Logger:         logger,
	})
	if err != nil {
		logger.Error("the connector service could not register", "err", err)
		srv.Stop(false)
		return 1
	}
	logger.Info("datagen connector service ready", "address", srv.Address(), "instance_id", config.InstanceID,
		"metrics", "http://"+metrics.Address()+"/metrics", "tracing", tracing != nil)

	exitCode := 0
	select {
	case <-signals.Done():
		logger.Info("stopping", "signal", context.Cause(signals).Error())
	case err := <-srv.Failed():
		logger.Error("the connector service failed; stopping", "err", err)
		exitCode = 1
	}
	stopSignals()
	// Leave the registry first, so workers stop picking this instance before it stops answering.
	deregisterCtx, cancel := context.WithTimeout(context.Background(), deregisterTimeout)
	defer cancel()
	if err := reg.Deregister(deregisterCtx); err != nil {
		logger.Warn("could not leave the service registry", "err", err)
	}
	srv.Stop(true)
	return exitCode
}

func shutdownTracing(tracing *telemetry.Tracing, logger *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	if err := tracing.Shutdown(ctx); err != nil {
		logger.Warn("could not export the last spans", "err", err)
	}
}

func closeMetrics(metrics *telemetry.MetricsServer, logger *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	if err := metrics.Close(ctx); err != nil {
		logger.Warn("could not close the metrics endpoint", "err", err)
	}
}
