import type { ConnectorStatuses } from "@connect-mesh/cluster-state";
import { Gauge, type Registry } from "prom-client";

/** What the gauges read at each scrape: the connectors and their reported statuses. */
export interface ClusterStatusSource {
  readonly connectors: { listConnectors(): Promise<{ connectors: ReadonlyMap<string, unknown> }> };
  readonly statuses: { readStatuses(name: string): Promise<ConnectorStatuses> };
}

/** The task states Kafka Connect counts per connector (connect-worker-metrics: connector-<state>-task-count). */
const COUNTED_TASK_STATES = ["RUNNING", "PAUSED", "FAILED", "UNASSIGNED", "RESTARTING"] as const;
/** The key of the count of every task, whatever its state (connector-total-task-count). */
const TOTAL = "TOTAL";

type Reading = ReadonlyMap<string, ConnectorStatuses>;

/**
 * The cluster's connector and task states as gauges, read from etcd when `/metrics` is scraped (nothing
 * cached to go stale; a scrape costs one listing plus one read per connector, shared by every gauge).
 * Kafka Connect reports these per worker in `connect-worker-metrics`; the coordinator sees the whole
 * cluster, so these are the cluster's: `kafka_connect_connect_worker_connector_<state>_task_count` and
 * `kafka_connect_connect_worker_connector_total_task_count` by `connector`, and
 * `connect_mesh_connector_state{connector,state}` = 1, Connect's `connector-metrics: status` as a state set.
 */
export function registerClusterStateMetrics(registry: Registry, cluster: ClusterStatusSource): void {
  // prom-client collects every metric of a scrape at once: the first to ask starts the reading, the rest share it.
  let inFlight: Promise<Reading> | undefined;
  const read = (): Promise<Reading> => {
    inFlight ??= readStatuses(cluster).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  for (const state of [...COUNTED_TASK_STATES, TOTAL]) {
    new Gauge({
      name: `kafka_connect_connect_worker_connector_${state.toLowerCase()}_task_count`,
      help: `The connector's tasks ${state === TOTAL ? "in any state" : `in state ${state}`}`,
      labelNames: ["connector"],
      registers: [registry],
      async collect() {
        const reading = await read();
        this.reset();
        for (const [connector, statuses] of reading)
          this.set({ connector }, taskStateCounts(statuses).get(state) ?? 0);
      },
    });
  }
  new Gauge({
    name: "connect_mesh_connector_state",
    help: "1 for the connector's reported state (Kafka Connect's connector-metrics status)",
    labelNames: ["connector", "state"],
    registers: [registry],
    async collect() {
      const reading = await read();
      this.reset();
      for (const [connector, { connector: status }] of reading)
        if (status !== undefined) this.set({ connector, state: status.state }, 1);
    },
  });
}

/** How many of a connector's tasks are in each counted state, and in all (`TOTAL`). */
export function taskStateCounts(statuses: ConnectorStatuses): ReadonlyMap<string, number> {
  const counts = new Map<string, number>([...COUNTED_TASK_STATES, TOTAL].map((state) => [state, 0]));
  for (const task of statuses.tasks.values()) {
    if (counts.has(task.state)) counts.set(task.state, (counts.get(task.state) ?? 0) + 1);
    counts.set(TOTAL, (counts.get(TOTAL) ?? 0) + 1);
  }
  return counts;
}

async function readStatuses(cluster: ClusterStatusSource): Promise<Reading> {
  const { connectors } = await cluster.connectors.listConnectors();
  const names = [...connectors.keys()];
  const statuses = await Promise.all(names.map((name) => cluster.statuses.readStatuses(name)));
  return new Map(names.map((name, i) => [name, statuses[i] ?? { connector: undefined, tasks: new Map() }]));
}
