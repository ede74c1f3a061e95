import type { ClusterStores, StoredConnector } from "@connect-mesh/cluster-state";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { connectorNotFound } from "./rest-error.js";

/** The stored connector, or Connect's 404 when there is none. */
export async function findConnector(state: ClusterStores, name: string): Promise<StoredConnector> {
  const connector = await state.connectors.getConnector(name);
  if (!connector) throw connectorNotFound(name);
  return connector;
}

/** "source" or "sink" from the plugin; undefined while no registered service hosts it. */
export async function pluginKindOf(
  connector: StoredConnector,
  catalog: PluginCatalogWatcher,
): Promise<"source" | "sink" | undefined> {
  return (await catalog.current()).find(connector.config["connector.class"] ?? "")?.plugin.kind;
}
