/** The cluster's shared state in the coordination store, as the coordinator and the workers read and write it. */
export { ClusterKeys } from "./cluster-keys.js";
export type {
  AssignmentPlan,
  ConnectorStatuses,
  LoggerLevelChange,
  StoredConnector,
  TaskHolder,
} from "./cluster-state.js";
export { ClusterState, taskKeyOf } from "./cluster-state.js";
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
