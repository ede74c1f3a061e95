import type { ConnectorStatuses } from "@connect-mesh/cluster-state";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { registerClusterStateMetrics, taskStateCounts } from "./cluster-state-metrics.js";

const status = (state: "RUNNING" | "FAILED" | "PAUSED") => ({
  state,
  workerId: "worker-1",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

const STATUSES: Record<string, ConnectorStatuses> = {
  "file-source": { connector: status("RUNNING"), tasks: new Map([[0, status("RUNNING")]]) },
  "file-sink": {
    connector: status("RUNNING"),
    tasks: new Map([
      [0, status("FAILED")],
      [1, status("RUNNING")],
      [2, status("PAUSED")],
    ]),
  },
};

describe("taskStateCounts", () => {
  it("counts each task in its state and in the total", () => {
    const counts = taskStateCounts(STATUSES["file-sink"] ?? { connector: undefined, tasks: new Map() });
    expect(Object.fromEntries(counts)).toEqual({
      RUNNING: 1,
      FAILED: 1,
      PAUSED: 1,
      UNASSIGNED: 0,
      RESTARTING: 0,
      TOTAL: 3,
    });
  });
});

describe("registerClusterStateMetrics", () => {
  it("reads the cluster once per scrape and shows every connector's task counts and state", async () => {
    let readings = 0;
    const registry = new Registry();
    registerClusterStateMetrics(registry, {
      connectors: {
        listConnectors: async () => {
          readings += 1;
          return { connectors: new Map(Object.keys(STATUSES).map((name) => [name, {}])) };
        },
      },
      statuses: {
        readStatuses: async (name) => STATUSES[name] ?? { connector: undefined, tasks: new Map() },
      },
    });
    const text = await registry.metrics();
    expect(readings).toBe(1);
    expect(text).toContain(
      'kafka_connect_connect_worker_connector_failed_task_count{connector="file-sink"} 1',
    );
    expect(text).toContain(
      'kafka_connect_connect_worker_connector_total_task_count{connector="file-sink"} 3',
    );
    expect(text).toContain(
      'kafka_connect_connect_worker_connector_running_task_count{connector="file-source"} 1',
    );
    expect(text).toContain('connect_mesh_connector_state{connector="file-source",state="RUNNING"} 1');
  });
});
