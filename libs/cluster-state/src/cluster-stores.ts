import type { CoordinationStore } from "@connect-mesh/coordination";
import { ActiveTopicStore } from "./active-topic-store.js";
import { AssignmentStore } from "./assignment-store.js";
import { ClusterKeys } from "./cluster-keys.js";
import { ConnectorStore } from "./connector-store.js";
import { LoggerLevelStore } from "./logger-level-store.js";
import { StatusStore } from "./status-store.js";

/**
 * The cluster's state in the coordination store, one store per concern, all in the layout of `ClusterKeys`
 * and behind the same coordination port.
 */
export interface ClusterStores {
  readonly keys: ClusterKeys;
  readonly connectors: ConnectorStore;
  readonly assignments: AssignmentStore;
  readonly statuses: StatusStore;
  readonly loggerLevels: LoggerLevelStore;
  readonly activeTopics: ActiveTopicStore;
}

/** The stores of `cluster`'s state in `store`. */
export function clusterStores(store: CoordinationStore, cluster: string): ClusterStores {
  const keys = new ClusterKeys(cluster);
  return {
    keys,
    connectors: new ConnectorStore(store, keys),
    assignments: new AssignmentStore(store, keys),
    statuses: new StatusStore(store, keys),
    loggerLevels: new LoggerLevelStore(store, keys),
    activeTopics: new ActiveTopicStore(store, keys),
  };
}
