import type { Assignment, ConnectorStatuses, Status, StoredConnector } from "@connect-mesh/cluster-state";

/** Connect's status body for one connector or task. */
interface StateBody {
  state: string;
  worker_id: string;
  trace?: string;
}

/**
 * Builds `GET /connectors/{name}/status` as Connect shows it. A planned task that no worker has reported on
 * yet is UNASSIGNED, with the worker it is assigned to, if any.
 */
export function connectorStatusBody(
  connector: StoredConnector,
  statuses: ConnectorStatuses,
  assignments: ReadonlyMap<string, Assignment>,
  type: string,
) {
  const taskCount = connector.taskConfigs?.tasks.length ?? 0;
  const assignedWorker = (task: number) =>
    [...assignments].find(([, a]) =>
      a.tasks.some((t) => t.connector === connector.name && t.task === task),
    )?.[0] ?? "";
  return {
    name: connector.name,
    connector: stateBody(statuses.connector, ""),
    tasks: Array.from({ length: taskCount }, (_, id) => ({
      id,
      ...stateBody(statuses.tasks.get(id), assignedWorker(id)),
    })),
    type,
  };
}

function stateBody(status: Status | undefined, fallbackWorker: string): StateBody {
  if (!status) return { state: "UNASSIGNED", worker_id: fallbackWorker };
  return status.trace === undefined
    ? { state: status.state, worker_id: status.workerId }
    : { state: status.state, worker_id: status.workerId, trace: status.trace };
}
