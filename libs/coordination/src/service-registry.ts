import { z } from "zod";
import type { CoordinationStore, Lease } from "./coordination-store.js";
import { WatchCompactedError } from "./errors.js";

/** A plugin a connector service hosts, as the registry advertises it. */
export const RegisteredPlugin = z.object({
  className: z.string(),
  aliases: z.array(z.string()),
  kind: z.enum(["source", "sink"]),
  version: z.string(),
});
export type RegisteredPlugin = z.infer<typeof RegisteredPlugin>;

/** One running instance of a mesh service: a connector service, a worker, a coordinator. */
export const ServiceInstance = z.object({
  /** What it is: "connector" for connector services, "worker", "coordinator". */
  serviceType: z.string().min(1),
  /** Unique within its type, stable across restarts where possible. */
  instanceId: z.string().min(1),
  /** Where to reach it, "host:port". */
  address: z.string(),
  /** For connector services: the plugins it hosts. */
  plugins: z.array(RegisteredPlugin).default([]),
  version: z.string(),
  registeredAt: z.string(),
});
export type ServiceInstance = z.infer<typeof ServiceInstance>;

/**
 * The mesh's service registry on top of any coordination store: an instance is a key under
 * `<root>/services/<type>/<id>`, written under the instance's lease, so it disappears on its own when the
 * process dies and its lease expires.
 */
export class ServiceRegistry {
  private readonly prefix: string;

  constructor(
    private readonly store: CoordinationStore,
    root: string,
  ) {
    this.prefix = `${root}/services/`;
  }

  /** Registers (or re-registers) an instance for as long as `lease` lives. */
  async register(instance: ServiceInstance, lease: Lease): Promise<void> {
    await this.store.put(this.keyOf(instance.serviceType, instance.instanceId), JSON.stringify(instance), {
      lease,
    });
  }

  /** Removes an instance now, e.g. on a graceful stop, before its lease would expire. */
  async deregister(serviceType: string, instanceId: string): Promise<void> {
    await this.store.delete(this.keyOf(serviceType, instanceId));
  }

  /** The registered instances, of one type or of all types. Entries that do not parse are skipped. */
  async list(serviceType?: string): Promise<ServiceInstance[]> {
    const { items } = await this.store.list(this.typePrefix(serviceType));
    return items.flatMap((item) => parseInstance(item.value));
  }

  /**
   * Yields the set of instances now and after every change, until `signal` aborts. When the store has
   * compacted the history the watch needs, it lists again; nothing is missed.
   */
  async *watch(serviceType: string | undefined, signal: AbortSignal): AsyncGenerator<ServiceInstance[]> {
    const prefix = this.typePrefix(serviceType);
    while (!signal.aborted) {
      const { items, revision } = await this.store.list(prefix);
      const current = new Map(
        items.flatMap((item) => parseInstance(item.value).map((i) => [item.key, i] as const)),
      );
      yield [...current.values()];
      try {
        for await (const event of this.store.watch(prefix, { afterRevision: revision, signal })) {
          if (event.type === "delete") current.delete(event.key);
          else for (const instance of parseInstance(event.value)) current.set(event.key, instance);
          yield [...current.values()];
        }
      } catch (error) {
        if (!(error instanceof WatchCompactedError)) throw error;
      }
    }
  }

  private typePrefix(serviceType: string | undefined): string {
    return serviceType === undefined ? this.prefix : `${this.prefix}${encodeURIComponent(serviceType)}/`;
  }

  private keyOf(serviceType: string, instanceId: string): string {
    return `${this.typePrefix(serviceType)}${encodeURIComponent(instanceId)}`;
  }
}

/** A registry entry written by another version may not parse; it is left out rather than failing every reader. */
function parseInstance(text: string): ServiceInstance[] {
  try {
    const parsed = ServiceInstance.safeParse(JSON.parse(text));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
}
