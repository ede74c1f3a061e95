/**
 * The cluster's shared state in the coordination store, as the coordinator and the workers read and write
 * it: one store per concern (clusterStores), in the layout of ClusterKeys.
 */
export { ActiveTopicStore } from "./active-topic-store.js";
export { type AssignmentPlan, AssignmentStore, type TaskHolder, taskKeyOf } from "./assignment-store.js";
export { ClusterKeys } from "./cluster-keys.js";
export { type ClusterStores, clusterStores } from "./cluster-stores.js";
export { ConnectorStore, type StoredConnector } from "./connector-store.js";
export { LoggerLevelStore } from "./logger-level-store.js";
export type { CatalogEntry } from "./plugin-catalog.js";
export { PluginCatalog } from "./plugin-catalog.js";
export {
  AssignedTask,
  Assignment,
  AssignmentGeneration,
  ClusterLoggerLevel,
  ConnectorConfig,
  CorruptStateError,
  RestartCounts,
  RunState,
  Status,
  TargetState,
  TaskConfigs,
  TaskId,
} from "./records.js";
export { type ConnectorStatuses, StatusStore } from "./status-store.js";
