import type { FastifyInstance } from "fastify";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";

/** What the informational routes need. */
export interface InfoRoutesDeps {
  readonly version: string;
  readonly catalog: PluginCatalogWatcher;
  /** Kafka's cluster id, as Connect reports it; undefined while Kafka cannot be reached. */
  readonly kafkaClusterId: () => Promise<string | undefined>;
}

/** `GET /` and `GET /connector-plugins`, in Connect's shapes. */
export function registerInfoRoutes(app: FastifyInstance, deps: InfoRoutesDeps): void {
  app.get("/", async () => ({
    version: deps.version,
    commit: "connect-mesh",
    kafka_cluster_id: (await deps.kafkaClusterId()) ?? null,
  }));

  app.get("/connector-plugins", async () =>
    (await deps.catalog.current()).list().map(({ plugin }) => ({
      class: plugin.className,
      type: plugin.kind,
      version: plugin.version,
    })),
  );
}
