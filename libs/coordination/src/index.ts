/** The coordination port, its etcd adapter, and the service registry built on the port. */
export type {
  CommitResult,
  CoordinationStore,
  Leadership,
  Lease,
  Listing,
  StoredValue,
  Transaction,
  WatchEvent,
} from "./coordination-store.js";
export { CoordinationError, CoordinationUnavailableError, WatchCompactedError } from "./errors.js";
export { EtcdCoordinationStore } from "./etcd-coordination-store.js";
export { RegisteredPlugin, ServiceInstance, ServiceRegistry } from "./service-registry.js";
