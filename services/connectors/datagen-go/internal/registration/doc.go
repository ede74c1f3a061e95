// Package registration keeps a connector service listed in the mesh's service registry in etcd, the same
// way the TypeScript services do (libs/coordination's ServiceRegistry, libs/connector-sdk's
// registerInMesh): the key /connect-mesh/<cluster>/services/connector/<instance id> holds a JSON
// description of the instance and its plugins, written under a lease that is kept alive while the process
// lives. A killed process drops out when its lease expires; a graceful stop deletes the key first.
package registration
