import { PluginCatalog } from "@connect-mesh/cluster-state";
import { ConnectorUnavailableError, type ServiceRegistry } from "@connect-mesh/coordination";

/** Finds a live instance of the connector service that hosts a plugin. */
export class ConnectorLocator {
  constructor(private readonly registry: ServiceRegistry) {}

  /** The plugin's canonical class name and one instance's address, picked at random to spread load. */
  async locate(connectorClass: string): Promise<{ className: string; address: string }> {
    const entry = new PluginCatalog(await this.registry.list("connector")).find(connectorClass);
    const address = entry?.addresses[Math.floor(Math.random() * entry.addresses.length)];
    if (!entry || address === undefined) throw new ConnectorUnavailableError(connectorClass);
    return { className: entry.plugin.className, address };
  }
}
