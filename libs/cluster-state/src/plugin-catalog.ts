import type { RegisteredPlugin, ServiceInstance } from "@connect-mesh/coordination";

/** A plugin and the connector service instances that host it. */
export interface CatalogEntry {
  readonly plugin: RegisteredPlugin;
  /** Addresses of live instances hosting it, in registration order. */
  readonly addresses: readonly string[];
}

/**
 * The connector plugins the mesh can run right now, from the service registry. A plugin is known by its
 * class name and its aliases; Connect also accepts the class's simple name (the part after the last dot),
 * so that does too.
 */
export class PluginCatalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly byName = new Map<string, string>();

  constructor(instances: readonly ServiceInstance[]) {
    for (const instance of instances) {
      for (const plugin of instance.plugins) {
        const existing = this.entries.get(plugin.className);
        this.entries.set(plugin.className, {
          plugin: existing?.plugin ?? plugin,
          addresses: [...(existing?.addresses ?? []), instance.address],
        });
        for (const name of [plugin.className, simpleName(plugin.className), ...plugin.aliases]) {
          this.byName.set(name, plugin.className);
        }
      }
    }
  }

  /** The plugin a `connector.class` value names, or undefined if no live service hosts it. */
  find(connectorClass: string): CatalogEntry | undefined {
    const className = this.byName.get(connectorClass.trim());
    return className === undefined ? undefined : this.entries.get(className);
  }

  /** Every hosted plugin, sorted by class name. */
  list(): CatalogEntry[] {
    return [...this.entries.values()].sort((a, b) => a.plugin.className.localeCompare(b.plugin.className));
  }
}

function simpleName(className: string): string {
  return className.slice(className.lastIndexOf(".") + 1);
}
