import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv, RuntimeEnv, runtimeSettingsOf } from "./runtime-env.js";

describe("RuntimeEnv", () => {
  it("gives the local stack's defaults for an empty environment", () => {
    expect(runtimeSettingsOf(parseEnv(RuntimeEnv, {}, "test"))).toEqual({
      etcdEndpoints: ["http://127.0.0.1:2379"],
      kafkaBrokers: ["127.0.0.1:9092"],
      cluster: "local",
      leaseTtlSeconds: 10,
      offsetsTopic: "connect-mesh-offsets",
      topicTrackingEnabled: true,
      metricsPort: 0,
      logLevel: "info",
    });
  });

  it("reads comma-separated lists, numbers and booleans as written", () => {
    const settings = runtimeSettingsOf(
      parseEnv(
        RuntimeEnv,
        {
          CONNECT_MESH_ETCD_ENDPOINTS: "http://a:2379, http://b:2379,",
          CONNECT_MESH_KAFKA_BOOTSTRAP: "k1:9092,k2:9092",
          CONNECT_MESH_LEASE_TTL_SECONDS: "30",
          CONNECT_MESH_TOPIC_TRACKING_ENABLE: "false",
          CONNECT_MESH_LOG_LEVEL: "debug",
        },
        "test",
      ),
    );
    expect(settings).toMatchObject({
      etcdEndpoints: ["http://a:2379", "http://b:2379"],
      kafkaBrokers: ["k1:9092", "k2:9092"],
      leaseTtlSeconds: 30,
      topicTrackingEnabled: false,
      logLevel: "debug",
    });
  });

  it("names the service and every variable at fault", () => {
    const parse = () =>
      parseEnv(
        RuntimeEnv,
        { CONNECT_MESH_LEASE_TTL_SECONDS: "1", CONNECT_MESH_METRICS_PORT: "70000" },
        "worker",
      );
    expect(parse).toThrow(/^invalid worker settings:/);
    expect(parse).toThrow(/CONNECT_MESH_LEASE_TTL_SECONDS/);
    expect(parse).toThrow(/CONNECT_MESH_METRICS_PORT/);
  });

  it("is extended by a service with its own variables, the shared ones read the same", () => {
    const ServiceEnv = RuntimeEnv.extend({ CONNECT_MESH_OWN: z.string().default("own") });
    const env = { CONNECT_MESH_CLUSTER: "prod", CONNECT_MESH_OWN: "mine" };
    const parsed = parseEnv(ServiceEnv, env, "test");
    expect(parsed.CONNECT_MESH_OWN).toBe("mine");
    expect(runtimeSettingsOf(parsed)).toEqual(runtimeSettingsOf(parseEnv(RuntimeEnv, env, "test")));
  });
});
