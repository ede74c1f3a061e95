import type { CoordinationStore, Lease } from "@connect-mesh/coordination";
import { changesUnder } from "./changes-under.js";
import type { ClusterKeys } from "./cluster-keys.js";
import { parseStored, Status } from "./records.js";

/** The statuses reported for one connector. */
export interface ConnectorStatuses {
  readonly connector: Status | undefined;
  readonly tasks: ReadonlyMap<number, Status>;
}

/** The connectors' and tasks' statuses; a task's is written under its worker's lease. */
export class StatusStore {
  constructor(
    private readonly store: CoordinationStore,
    private readonly keys: ClusterKeys,
  ) {}

  /** Records a connector's status (written by the leader). */
  async writeConnectorStatus(name: string, status: Status): Promise<void> {
    await this.store.put(this.keys.connectorStatus(name), JSON.stringify(status));
  }

  /**
   * Records a task's status under the reporting worker's lease, so that a dead worker's statuses vanish
   * with it instead of claiming forever that its tasks still run.
   */
  async writeTaskStatus(name: string, task: number, status: Status, lease: Lease): Promise<void> {
    await this.store.put(this.keys.taskStatus(name, task), JSON.stringify(status), { lease });
  }

  /** Removes a task's status, when its worker stops it because it was unassigned. */
  async deleteTaskStatus(name: string, task: number): Promise<void> {
    await this.store.delete(this.keys.taskStatus(name, task));
  }

  /** The statuses reported for one connector. */
  async readStatuses(name: string): Promise<ConnectorStatuses> {
    const prefix = this.keys.connectorStatusPrefix(name);
    const { items } = await this.store.list(prefix);
    let connector: Status | undefined;
    const tasks = new Map<number, Status>();
    for (const item of items) {
      const rest = item.key.slice(prefix.length);
      if (rest === "connector") connector = parseStored(Status, item.key, item.value);
      else if (rest.startsWith("tasks/"))
        tasks.set(Number(rest.slice("tasks/".length)), parseStored(Status, item.key, item.value));
    }
    return { connector, tasks };
  }

  /** Like `connectorChanges`, for every connector's and task's status: the leader waits on tasks stopping. */
  statusChanges(signal: AbortSignal): AsyncGenerator<void> {
    return changesUnder(this.store, this.keys.statusPrefix, signal);
  }
}
