/** The coordination port, its etcd adapter, and the service registry built on the port. */

export { ConnectorUnavailableError } from "./connector-unavailable-error.js";
// The port
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
// Errors
export {
  CoordinationClosedError,
  CoordinationError,
  CoordinationRequestError,
  CoordinationUnavailableError,
  LeadershipLostError,
  LeaseLostError,
  WatchCompactedError,
} from "./errors.js";

// The etcd adapter
export type { EtcdCoordinationStoreOptions } from "./etcd-coordination-store.js";
export { EtcdCoordinationStore } from "./etcd-coordination-store.js";

// The service registry
export type { InvalidServiceEntry } from "./service-instance.js";
export { parseServiceInstance, RegisteredPlugin, ServiceInstance } from "./service-instance.js";
export { ServiceRegistry, serviceKey } from "./service-registry.js";
