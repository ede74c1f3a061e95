/**
 * Where each piece of cluster state lives in the coordination store. Everything of one cluster sits under
 * `/connect-mesh/<cluster>/`, so several clusters can share one etcd:
 *
 *   connectors/<name>/config          the connector config, as the user gave it (JSON object of strings)
 *   connectors/<name>/target-state    RUNNING | PAUSED | STOPPED
 *   connectors/<name>/tasks           task configs planned from a config revision (JSON)
 *   connectors/<name>/restarts        how often the connector and each task were asked to restart (JSON)
 *   assignments/<worker-id>           the tasks one worker runs (JSON), written by the leader
 *   assignment-generation             counts assignment changes (JSON); guards them as one unit, and says
 *                                     whether tasks are held back while they move (a rebalance)
 *   status/<name>/connector           the connector's status (JSON), written by the leader
 *   status/<name>/tasks/<task>        a task's status (JSON), written by its worker under the worker's lease;
 *                                     while it names a worker, that worker may still be running the task
 *   topics/<name>/<topic>             a topic the connector has used (Connect's active topics)
 *   services/<type>/<instance-id>     the service registry (connector services and workers)
 *   logger-levels/<namespace>         a cluster-scope logger level (JSON), applied by every process (KIP-976)
 *   leader                            the coordinators' election
 *
 * Connector names may contain any character but "/" is escaped, so a name can never reach into another key.
 */
export class ClusterKeys {
  readonly root: string;

  constructor(cluster: string) {
    this.root = `/connect-mesh/${encodeURIComponent(cluster)}`;
  }

  get connectorsPrefix(): string {
    return `${this.root}/connectors/`;
  }

  connectorPrefix(name: string): string {
    return `${this.connectorsPrefix}${encodeURIComponent(name)}/`;
  }

  connectorConfig(name: string): string {
    return `${this.connectorPrefix(name)}config`;
  }

  targetState(name: string): string {
    return `${this.connectorPrefix(name)}target-state`;
  }

  taskConfigs(name: string): string {
    return `${this.connectorPrefix(name)}tasks`;
  }

  restarts(name: string): string {
    return `${this.connectorPrefix(name)}restarts`;
  }

  get assignmentsPrefix(): string {
    return `${this.root}/assignments/`;
  }

  get assignmentGeneration(): string {
    return `${this.root}/assignment-generation`;
  }

  assignment(workerId: string): string {
    return `${this.assignmentsPrefix}${encodeURIComponent(workerId)}`;
  }

  get statusPrefix(): string {
    return `${this.root}/status/`;
  }

  connectorStatusPrefix(name: string): string {
    return `${this.statusPrefix}${encodeURIComponent(name)}/`;
  }

  connectorStatus(name: string): string {
    return `${this.connectorStatusPrefix(name)}connector`;
  }

  taskStatus(name: string, task: number): string {
    return `${this.connectorStatusPrefix(name)}tasks/${task}`;
  }

  /** The connector and task a key under `statusPrefix` is the status of, or undefined for other keys. */
  taskOfStatusKey(key: string): { connector: string; task: number } | undefined {
    if (!key.startsWith(this.statusPrefix)) return undefined;
    const [encodedName, kind, task, ...rest] = key.slice(this.statusPrefix.length).split("/");
    if (encodedName === undefined || kind !== "tasks" || task === undefined || rest.length > 0)
      return undefined;
    const id = Number(task);
    return Number.isInteger(id) ? { connector: decodeURIComponent(encodedName), task: id } : undefined;
  }

  get activeTopicsPrefix(): string {
    return `${this.root}/topics/`;
  }

  connectorTopicsPrefix(name: string): string {
    return `${this.activeTopicsPrefix}${encodeURIComponent(name)}/`;
  }

  activeTopic(name: string, topic: string): string {
    return `${this.connectorTopicsPrefix(name)}${encodeURIComponent(topic)}`;
  }

  get servicesRoot(): string {
    return this.root;
  }

  get loggerLevelsPrefix(): string {
    return `${this.root}/logger-levels/`;
  }

  /** A logger namespace may contain any character; like a connector name it is escaped into one key. */
  loggerLevel(namespace: string): string {
    return `${this.loggerLevelsPrefix}${encodeURIComponent(namespace)}`;
  }

  /** The logger namespace of a key under `loggerLevelsPrefix`, or undefined for a key outside it. */
  loggerNamespaceOf(key: string): string | undefined {
    if (!key.startsWith(this.loggerLevelsPrefix)) return undefined;
    return decodeURIComponent(key.slice(this.loggerLevelsPrefix.length));
  }

  get leaderElection(): string {
    return `${this.root}/leader`;
  }

  /** The connector name in a key under `connectorsPrefix`, or undefined for a key outside it. */
  connectorNameOf(key: string): string | undefined {
    if (!key.startsWith(this.connectorsPrefix)) return undefined;
    const encoded = key.slice(this.connectorsPrefix.length).split("/")[0];
    return encoded === undefined || encoded === "" ? undefined : decodeURIComponent(encoded);
  }
}
