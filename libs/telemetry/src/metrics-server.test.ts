import { Counter } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { createMetricsRegistry } from "./metrics-registry.js";
import { type MetricsServer, startMetricsServer } from "./metrics-server.js";

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("startMetricsServer", () => {
  it("serves the registry on GET /metrics in Prometheus's text format, with process metrics", async () => {
    const registry = createMetricsRegistry();
    new Counter({ name: "probe_total", help: "a probe", registers: [registry] }).inc(2);
    server = await startMetricsServer({ registry });
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain("probe_total 2");
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("answers 404 for any other path", async () => {
    server = await startMetricsServer({ registry: createMetricsRegistry({ processMetrics: false }) });
    const response = await fetch(server.url.replace("/metrics", "/other"));
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it("says which port is taken when it cannot listen", async () => {
    server = await startMetricsServer({ registry: createMetricsRegistry({ processMetrics: false }) });
    await expect(
      startMetricsServer({ registry: createMetricsRegistry({ processMetrics: false }), port: server.port }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
