import { type DescribeResponse, PluginKind } from "@connect-mesh/proto";
import { FatalError } from "../errors.js";
import type { ConnectorPlugin, SinkPlugin, SourcePlugin } from "../plugin.js";
import { UnknownPluginError } from "./protocol-errors.js";

/**
 * The plugins one server hosts, found by class name or alias. Names are matched exactly, as Connect
 * matches connector.class.
 */
export class PluginRegistry {
  private readonly byName = new Map<string, ConnectorPlugin>();
  /** What `Describe` answers; built once, since plugins do not change while the server runs. */
  readonly description: DescribeResponse;

  constructor(readonly plugins: readonly ConnectorPlugin[]) {
    if (plugins.length === 0) throw new FatalError("a connector service must host at least one plugin");
    for (const plugin of plugins) {
      for (const name of [plugin.className, ...(plugin.aliases ?? [])]) {
        const taken = this.byName.get(name);
        if (taken !== undefined && taken !== plugin) {
          throw new FatalError(
            `plugins ${taken.className} and ${plugin.className} both claim the name "${name}"; names must be unique`,
          );
        }
        this.byName.set(name, plugin);
      }
    }
    this.description = {
      plugins: plugins.map((plugin) => ({
        className: plugin.className,
        aliases: [...(plugin.aliases ?? [])],
        kind: plugin.kind === "source" ? PluginKind.PLUGIN_KIND_SOURCE : PluginKind.PLUGIN_KIND_SINK,
        version: plugin.version,
        description: plugin.description,
        configs: [...plugin.config.definitions],
        // The SDK unpacks packed batches before a sink plugin sees them.
        readsPackedBatches: plugin.kind === "sink",
      })),
    };
  }

  /** Whether any hosted plugin is of this kind, i.e. whether to serve its stream service. */
  hosts(kind: "source" | "sink"): boolean {
    return this.plugins.some((plugin) => plugin.kind === kind);
  }

  /** The plugin with this class name or alias; throws UnknownPluginError listing the hosted plugins. */
  find(name: string): ConnectorPlugin {
    const plugin = this.byName.get(name);
    if (plugin === undefined) throw new UnknownPluginError(name, "any", this.hostedNames());
    return plugin;
  }

  /** The source plugin with this name; throws UnknownPluginError if there is none (or it is a sink). */
  source(name: string): SourcePlugin {
    const plugin = this.byName.get(name);
    if (plugin?.kind !== "source") throw new UnknownPluginError(name, "source", this.hostedNames());
    return plugin;
  }

  /** The sink plugin with this name; throws UnknownPluginError if there is none (or it is a source). */
  sink(name: string): SinkPlugin {
    const plugin = this.byName.get(name);
    if (plugin?.kind !== "sink") throw new UnknownPluginError(name, "sink", this.hostedNames());
    return plugin;
  }

  private hostedNames(): string[] {
    return this.plugins.map((plugin) => {
      const aliases = plugin.aliases ?? [];
      return `${plugin.className} (${plugin.kind}${aliases.length > 0 ? `; also ${aliases.join(", ")}` : ""})`;
    });
  }
}
