import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fileServiceConfigFromEnv } from "./config.js";

describe("fileServiceConfigFromEnv", () => {
  it("defaults to any free port on 127.0.0.1, relative to the working directory", () => {
    expect(fileServiceConfigFromEnv({})).toEqual({
      host: "127.0.0.1",
      port: 0,
      metricsPort: 0,
      baseDir: process.cwd(),
      logLevel: "info",
      etcdEndpoints: ["http://127.0.0.1:2379"],
      cluster: "local",
      instanceId: `file-${process.pid}`,
      telemetry: {
        serviceName: "connector-file",
        instanceId: `file-${process.pid}`,
        otlpEndpoint: undefined,
      },
    });
  });

  it("reads every setting from CONNECT_MESH_* variables", () => {
    expect(
      fileServiceConfigFromEnv({
        CONNECT_MESH_FILE_CONNECTOR_PORT: "19091",
        CONNECT_MESH_METRICS_PORT: "19464",
        CONNECT_MESH_FILE_CONNECTOR_HOST: "0.0.0.0",
        CONNECT_MESH_BASE_DIR: "relative/dir",
        CONNECT_MESH_LOG_LEVEL: "debug",
        CONNECT_MESH_ETCD_ENDPOINTS: "http://10.0.0.1:2379, http://10.0.0.2:2379",
        CONNECT_MESH_CLUSTER: "prod",
        CONNECT_MESH_INSTANCE_ID: "file-a",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
      }),
    ).toEqual({
      host: "0.0.0.0",
      port: 19_091,
      metricsPort: 19_464,
      baseDir: resolve("relative/dir"),
      logLevel: "debug",
      etcdEndpoints: ["http://10.0.0.1:2379", "http://10.0.0.2:2379"],
      cluster: "prod",
      instanceId: "file-a",
      telemetry: {
        serviceName: "connector-file",
        instanceId: "file-a",
        otlpEndpoint: "http://127.0.0.1:4318",
      },
    });
  });

  it.each([
    [{ CONNECT_MESH_FILE_CONNECTOR_PORT: "http" }, /CONNECT_MESH_FILE_CONNECTOR_PORT must be a TCP port/],
    [{ CONNECT_MESH_FILE_CONNECTOR_PORT: "70000" }, /not "70000"/],
    [{ CONNECT_MESH_METRICS_PORT: "-1" }, /CONNECT_MESH_METRICS_PORT must be a TCP port/],
    [{ CONNECT_MESH_LOG_LEVEL: "loud" }, /CONNECT_MESH_LOG_LEVEL must be one of/],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => fileServiceConfigFromEnv(env)).toThrow(message);
  });
});
