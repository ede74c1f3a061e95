import {
  type CoordinationStore,
  EtcdCoordinationStore,
  type Lease,
  type RegisteredPlugin,
  ServiceRegistry,
} from "@connect-mesh/coordination";
import { PluginKind } from "@connect-mesh/proto";
import type { ConnectorServer } from "./connector-server.js";
import type { Logger } from "./logger.js";

/** Where and as whom a connector service registers. */
export interface MeshRegistrationOptions {
  readonly etcdEndpoints: readonly string[];
  /** The cluster's name; the registry lives under `/connect-mesh/<cluster>`. */
  readonly cluster: string;
  /** Unique among the instances of this service; stable across restarts where possible. */
  readonly instanceId: string;
  /** How long the registry keeps a dead instance listed. */
  readonly leaseTtlSeconds?: number;
  /** Where the service serves Prometheus `/metrics` ("host:port"), if it does; advertised in the registry. */
  readonly metricsAddress?: string;
  readonly logger: Logger;
}

/** A registration that lasts until `deregister`. */
export interface MeshRegistration {
  /** Leaves the registry at once, so workers stop picking this instance, and lets go of etcd. */
  deregister(): Promise<void>;
}

/** The service type connector services register under; the coordinator and workers look for it. */
const CONNECTOR_SERVICE_TYPE = "connector";
/** Before registering again after losing the lease, so a flapping store is not hammered. */
const RE_REGISTER_DELAY_MS = 1_000;

/**
 * Registers a running connector service in the mesh's service registry, with the plugins it hosts, under
 * a lease that the store keeps alive while this process lives; if the lease is lost (etcd unreachable for
 * longer than its TTL) it registers again under a new one. A killed process drops out once its lease
 * expires; a graceful stop calls `deregister` first.
 */
export async function registerInMesh(
  server: ConnectorServer,
  options: MeshRegistrationOptions,
): Promise<MeshRegistration> {
  const store: CoordinationStore = new EtcdCoordinationStore(options.etcdEndpoints);
  const registry = new ServiceRegistry(store, `/connect-mesh/${encodeURIComponent(options.cluster)}`);
  const plugins: RegisteredPlugin[] = server.description.plugins.map((plugin) => ({
    className: plugin.className,
    aliases: plugin.aliases,
    kind: plugin.kind === PluginKind.PLUGIN_KIND_SINK ? "sink" : "source",
    version: plugin.version,
  }));
  const stopping = new AbortController();

  const register = async (): Promise<Lease> => {
    const lease = await store.grantLease(options.leaseTtlSeconds ?? 10);
    await registry.register(
      {
        serviceType: CONNECTOR_SERVICE_TYPE,
        instanceId: options.instanceId,
        address: server.address,
        ...(options.metricsAddress === undefined ? {} : { metricsAddress: options.metricsAddress }),
        plugins,
        version: plugins[0]?.version ?? "0.0.0",
        registeredAt: new Date().toISOString(),
      },
      lease,
    );
    options.logger.info(
      { instanceId: options.instanceId, plugins: plugins.length },
      "registered in the service registry",
    );
    lease.lost.addEventListener("abort", () => reRegister(), { once: true });
    return lease;
  };

  const reRegister = (): void => {
    if (stopping.signal.aborted) return;
    options.logger.warn({ instanceId: options.instanceId }, "lost the registry lease; registering again");
    const retry = (): void => {
      if (stopping.signal.aborted) return;
      register().catch((error: unknown) => {
        options.logger.warn({ err: error }, "could not register yet; trying again");
        setTimeout(retry, RE_REGISTER_DELAY_MS).unref();
      });
    };
    retry();
  };

  await register();
  return {
    deregister: async () => {
      stopping.abort();
      await registry.deregister(CONNECTOR_SERVICE_TYPE, options.instanceId).catch((error: unknown) => {
        options.logger.warn(
          { err: error },
          "could not leave the registry; the entry goes when its lease expires",
        );
      });
      await store.close();
    },
  };
}
