package telemetry

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestMetricsServerServesTheProcessMetricsOnAFreePort(t *testing.T) {
	server, err := StartMetricsServer("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close(context.Background()) })
	if strings.HasSuffix(server.Address(), ":0") {
		t.Fatalf("address %s, want the port taken", server.Address())
	}
	response, err := http.Get("http://" + server.Address() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusOK || !strings.Contains(string(body), "go_goroutines ") ||
		!strings.Contains(string(body), "process_cpu_seconds_total ") {
		t.Errorf("GET /metrics: %d\n%.500s", response.StatusCode, body)
	}
}
