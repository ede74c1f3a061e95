package telemetry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsServer serves the process's Prometheus metrics on GET /metrics, as every mesh service does. A
// connector service has no record counters of its own (those live in the worker): it serves the Go
// runtime's and the process's metrics (CPU, memory, goroutines, GC).
type MetricsServer struct {
	server  *http.Server
	address string
}

// StartMetricsServer listens on host:port (0 takes any free port, see Address) and serves /metrics.
func StartMetricsServer(host string, port int) (*MetricsServer, error) {
	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	target := net.JoinHostPort(host, strconv.Itoa(port))
	listener, err := net.Listen("tcp", target)
	if err != nil {
		return nil, fmt.Errorf("the metrics endpoint could not listen on %s: %w; free the port or set CONNECT_MESH_METRICS_PORT to another", target, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	server := &http.Server{Handler: mux}
	go func() {
		// ErrServerClosed is Close's doing; any other error leaves /metrics unanswered, which a scrape notices.
		if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = listener.Close()
		}
	}()
	return &MetricsServer{server: server, address: listener.Addr().String()}, nil
}

// Address is where /metrics is served, "host:port"; the registry entry advertises it as metricsAddress.
func (m *MetricsServer) Address() string { return m.address }

// Close stops serving, letting scrapes in flight finish until ctx ends.
func (m *MetricsServer) Close(ctx context.Context) error { return m.server.Shutdown(ctx) }
