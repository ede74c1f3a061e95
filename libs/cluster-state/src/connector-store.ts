import type { CoordinationStore } from "@connect-mesh/coordination";
import type { z } from "zod";
import { changesUnder } from "./changes-under.js";
import type { ClusterKeys } from "./cluster-keys.js";
import { ConnectorConfig, parseStored, RestartCounts, TargetState, TaskConfigs } from "./records.js";

/** A connector as stored: its config, the config's revision, its target state and planned tasks. */
export interface StoredConnector {
  readonly name: string;
  readonly config: ConnectorConfig;
  /** The config's modRevision: bumps on every change, and guards every write that depends on the config. */
  readonly configRevision: number;
  readonly targetState: TargetState;
  /** Undefined until the leader has planned the tasks. */
  readonly taskConfigs: z.output<typeof TaskConfigs> | undefined;
  readonly restarts: RestartCounts;
}

/** How many times a read-modify-write is retried when another writer got in between. */
const MAX_CONFLICT_RETRIES = 10;

/**
 * The connectors' configs, target states, restart requests and planned task configs. Every write that
 * depends on what was read is conditional on the revisions read, so concurrent coordinators never
 * overwrite each other's newer state.
 */
export class ConnectorStore {
  constructor(
    private readonly store: CoordinationStore,
    private readonly keys: ClusterKeys,
  ) {}

  /** Creates a connector; resolves false, writing nothing, when the name is taken. */
  async createConnector(name: string, config: ConnectorConfig, targetState: TargetState): Promise<boolean> {
    const result = await this.store.commit({
      conditions: [{ key: this.keys.connectorConfig(name), modRevision: 0 }],
      puts: [
        { key: this.keys.connectorConfig(name), value: JSON.stringify(config) },
        { key: this.keys.targetState(name), value: JSON.stringify(targetState) },
      ],
    });
    return result.succeeded;
  }

  /** Creates or replaces a connector's config (Connect's PUT /config); resolves whether it was created. */
  async putConnectorConfig(name: string, config: ConnectorConfig): Promise<{ created: boolean }> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const existing = await this.store.get(this.keys.connectorConfig(name));
      const puts = [{ key: this.keys.connectorConfig(name), value: JSON.stringify(config) }];
      if (!existing) puts.push({ key: this.keys.targetState(name), value: JSON.stringify("RUNNING") });
      const result = await this.store.commit({
        conditions: [{ key: this.keys.connectorConfig(name), modRevision: existing?.modRevision ?? 0 }],
        puts,
      });
      if (result.succeeded) return { created: !existing };
    }
    throw new Error(`the config of connector "${name}" kept changing under us; try again`);
  }

  /**
   * Sets a connector's target state; resolves false when the connector does not exist. Stopping, as in
   * Kafka Connect, also drops its task configs, so nothing is assigned and offsets may be changed safely;
   * resuming plans the tasks again.
   */
  async setTargetState(name: string, targetState: TargetState): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const existing = await this.store.get(this.keys.connectorConfig(name));
      if (!existing) return false;
      const result = await this.store.commit({
        conditions: [{ key: this.keys.connectorConfig(name), modRevision: existing.modRevision }],
        puts: [{ key: this.keys.targetState(name), value: JSON.stringify(targetState) }],
        deletes: targetState === "STOPPED" ? [this.keys.taskConfigs(name)] : [],
      });
      if (result.succeeded) return true;
    }
    throw new Error(`the config of connector "${name}" kept changing under us; try again`);
  }

  /**
   * Asks for a restart of the connector (a new plan) and of the given tasks (their workers start them
   * again); resolves false when the connector does not exist.
   */
  async requestRestart(
    name: string,
    request: { connector: boolean; tasks: readonly number[] },
  ): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const connector = await this.getConnector(name);
      if (!connector) return false;
      const current = await this.store.get(this.keys.restarts(name));
      const counts = connector.restarts;
      const next: RestartCounts = {
        connector: counts.connector + (request.connector ? 1 : 0),
        tasks: { ...counts.tasks },
      };
      for (const task of request.tasks) next.tasks[String(task)] = (counts.tasks[String(task)] ?? 0) + 1;
      const result = await this.store.commit({
        conditions: [
          { key: this.keys.connectorConfig(name), modRevision: connector.configRevision },
          { key: this.keys.restarts(name), modRevision: current?.modRevision ?? 0 },
        ],
        puts: [{ key: this.keys.restarts(name), value: JSON.stringify(next) }],
      });
      if (result.succeeded) return true;
    }
    throw new Error(`the connector "${name}" kept changing under us; try again`);
  }

  /** Deletes a connector with its tasks and statuses; resolves false when it did not exist. */
  async deleteConnector(name: string): Promise<boolean> {
    const existing = await this.store.get(this.keys.connectorConfig(name));
    if (!existing) return false;
    const { items: statuses } = await this.store.list(this.keys.connectorStatusPrefix(name));
    const { items: topics } = await this.store.list(this.keys.connectorTopicsPrefix(name));
    const result = await this.store.commit({
      conditions: [{ key: this.keys.connectorConfig(name), modRevision: existing.modRevision }],
      deletes: [
        this.keys.connectorConfig(name),
        this.keys.targetState(name),
        this.keys.taskConfigs(name),
        this.keys.restarts(name),
        ...statuses.map((s) => s.key),
        ...topics.map((t) => t.key),
      ],
    });
    // Lost a race with another change: that change wins and the caller may retry the delete.
    return result.succeeded;
  }

  /** One connector, or undefined when it does not exist. */
  async getConnector(name: string): Promise<StoredConnector | undefined> {
    const { items } = await this.store.list(this.keys.connectorPrefix(name));
    return this.assemble(name, items);
  }

  /** Every connector, by name, with the revision the listing was read at. */
  async listConnectors(): Promise<{ connectors: Map<string, StoredConnector>; revision: number }> {
    const { items, revision } = await this.store.list(this.keys.connectorsPrefix);
    const byName = new Map<string, { key: string; value: string; modRevision: number }[]>();
    for (const item of items) {
      const name = this.keys.connectorNameOf(item.key);
      if (name === undefined) continue;
      byName.set(name, [...(byName.get(name) ?? []), item]);
    }
    const connectors = new Map<string, StoredConnector>();
    for (const [name, connectorItems] of byName) {
      const connector = this.assemble(name, connectorItems);
      if (connector) connectors.set(name, connector);
    }
    return { connectors, revision };
  }

  /**
   * Stores planned task configs, but only if the connector's config is still the one they were planned
   * from; resolves false (writing nothing) if it changed meanwhile or the connector was deleted.
   */
  async writeTaskConfigs(name: string, taskConfigs: TaskConfigs): Promise<boolean> {
    const result = await this.store.commit({
      conditions: [{ key: this.keys.connectorConfig(name), modRevision: taskConfigs.configRevision }],
      puts: [{ key: this.keys.taskConfigs(name), value: JSON.stringify(taskConfigs) }],
    });
    return result.succeeded;
  }

  /**
   * Yields once now and once after every change to any connector's config, target state or tasks, until
   * `signal` aborts: a cue to look again, not the change itself.
   */
  connectorChanges(signal: AbortSignal): AsyncGenerator<void> {
    return changesUnder(this.store, this.keys.connectorsPrefix, signal);
  }

  private assemble(
    name: string,
    items: readonly { key: string; value: string; modRevision: number }[],
  ): StoredConnector | undefined {
    const find = (key: string) => items.find((item) => item.key === key);
    const config = find(this.keys.connectorConfig(name));
    if (!config) return undefined;
    const targetState = find(this.keys.targetState(name));
    const taskConfigs = find(this.keys.taskConfigs(name));
    const restarts = find(this.keys.restarts(name));
    return {
      name,
      config: parseStored(ConnectorConfig, config.key, config.value),
      configRevision: config.modRevision,
      targetState: targetState ? parseStored(TargetState, targetState.key, targetState.value) : "RUNNING",
      taskConfigs: taskConfigs ? parseStored(TaskConfigs, taskConfigs.key, taskConfigs.value) : undefined,
      restarts: restarts
        ? parseStored(RestartCounts, restarts.key, restarts.value)
        : { connector: 0, tasks: {} },
    };
  }
}
