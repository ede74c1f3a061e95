import { describe, expect, it } from "vitest";
import { type MeshSettings, meshServices } from "./mesh-services.js";

const SETTINGS: MeshSettings = {
  runDir: "/run",
  etcdUrl: "http://127.0.0.1:2379",
  kafkaBootstrap: "127.0.0.1:9092",
  restPort: 8083,
  cluster: "local",
  baseDir: "/base",
  runFromSource: false,
  fileConnectorPort: 1,
  jdbcConnectorPort: 2,
  searchConnectorPort: 3,
  datagenPort: 4,
  httpSinkPort: 5,
  metricsPorts: { worker: 9101, "worker-2": 9102 },
};

function workersOf(settings: MeshSettings) {
  return meshServices(settings).filter((service) => service.packageDir === "services/worker");
}

describe("meshServices", () => {
  it("runs one worker per count, each with its own id, registry probe and metrics port, the first named worker", () => {
    const workers = workersOf({ ...SETTINGS, workers: 2 });
    expect(
      workers.map((w) => [w.name, w.env.CONNECT_MESH_WORKER_ID, w.env.CONNECT_MESH_METRICS_PORT]),
    ).toEqual([
      ["worker", "worker-1", "9101"],
      ["worker-2", "worker-2", "9102"],
    ]);
    expect(workers.map((w) => w.probe)).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/\/worker\/worker-1$/) }),
      expect.objectContaining({ key: expect.stringMatching(/\/worker\/worker-2$/) }),
    ]);
  });

  it("runs one worker for a stack recorded before the count existed", () => {
    expect(workersOf(SETTINGS).map((w) => w.name)).toEqual(["worker"]);
  });
});
