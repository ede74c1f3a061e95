import { z } from "zod";
import type { CoordinationStore, Lease, StoredValue } from "./coordination-store.js";
import { CoordinationRequestError, WatchCompactedError } from "./errors.js";
import { type InvalidServiceEntry, parseServiceInstance, ServiceInstance } from "./service-instance.js";

/**
 * The mesh's service registry, on any coordination store: an instance is the key
 * `<root>/services/<type>/<id>` (type and id URI-encoded), written under the instance's lease, so it
 * disappears on its own when the process dies and its lease expires.
 */
export class ServiceRegistry {
  private readonly prefix: string;

  /**
   * @param store - any adapter of the coordination port.
   * @param root - the cluster's root, e.g. `/connect-mesh/prod`.
   * @param onInvalidEntry - told about entries that do not parse, which are left out of listings.
   */
  constructor(
    private readonly store: CoordinationStore,
    private readonly root: string,
    private readonly onInvalidEntry: (entry: InvalidServiceEntry) => void = () => undefined,
  ) {
    this.prefix = `${root}/services/`;
  }

  /**
   * Registers an instance for as long as `lease` lives. Registering the same type and id again replaces the
   * entry and moves it to the new lease.
   */
  async register(instance: ServiceInstance, lease: Lease): Promise<void> {
    // Checked before writing, so that nothing written here is left out by a reader.
    const checked = ServiceInstance.safeParse(instance);
    if (!checked.success) {
      throw new CoordinationRequestError(
        `registering "${instance.serviceType}" instance "${instance.instanceId}"`,
        new Error(z.prettifyError(checked.error)),
      );
    }
    const entry = checked.data;
    await this.store.put(this.keyOf(entry.serviceType, entry.instanceId), JSON.stringify(entry), { lease });
  }

  /** Removes an instance now, e.g. on a graceful stop, before its lease would expire; resolves whether it was there. */
  async deregister(serviceType: string, instanceId: string): Promise<boolean> {
    return this.store.delete(this.keyOf(serviceType, instanceId));
  }

  /** The registered instances, of one type or of all types, in key order. Entries that do not parse are left out. */
  async list(serviceType?: string): Promise<ServiceInstance[]> {
    const { items } = await this.store.list(this.typePrefix(serviceType));
    return items.flatMap((item) => this.parse(item));
  }

  /**
   * Yields the set of instances now and after every change, until `signal` aborts. When the store has
   * compacted the history the watch needs, it lists again and yields the fresh set; nothing is missed.
   * Other errors (the store unreachable, closed) end the iteration; each says whether it is `retriable`.
   */
  async *watch(serviceType: string | undefined, signal: AbortSignal): AsyncGenerator<ServiceInstance[]> {
    const prefix = this.typePrefix(serviceType);
    while (!signal.aborted) {
      const { items, revision } = await this.store.list(prefix);
      const current = new Map(items.flatMap((item) => this.parse(item).map((i) => [item.key, i] as const)));
      yield sorted(current);
      try {
        for await (const event of this.store.watch(prefix, { afterRevision: revision, signal })) {
          current.delete(event.key);
          if (event.type === "put")
            for (const instance of this.parse(event)) current.set(event.key, instance);
          yield sorted(current);
        }
      } catch (error) {
        if (!(error instanceof WatchCompactedError)) throw error;
      }
    }
  }

  private parse(item: Pick<StoredValue, "key" | "value">): ServiceInstance[] {
    const result = parseServiceInstance(item.value);
    if ("instance" in result) return [result.instance];
    this.onInvalidEntry({ key: item.key, reason: result.error });
    return [];
  }

  private typePrefix(serviceType: string | undefined): string {
    return serviceType === undefined ? this.prefix : `${this.prefix}${encodeURIComponent(serviceType)}/`;
  }

  private keyOf(serviceType: string, instanceId: string): string {
    return serviceKey(this.root, serviceType, instanceId);
  }
}

/**
 * The key a service instance is registered under: `<root>/services/<type>/<id>`, type and id URI-encoded
 * so that a "/" in either cannot reach into another type's keys. For tools that read the registry without
 * a `ServiceRegistry`, e.g. a readiness probe that waits for a key.
 */
export function serviceKey(root: string, serviceType: string, instanceId: string): string {
  return `${root}/services/${encodeURIComponent(serviceType)}/${encodeURIComponent(instanceId)}`;
}

// In key order, as `list` returns them, whatever order the changes came in.
function sorted(instances: ReadonlyMap<string, ServiceInstance>): ServiceInstance[] {
  return [...instances.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, instance]) => instance);
}
