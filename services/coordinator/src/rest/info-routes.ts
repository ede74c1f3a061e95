import type { FastifyInstance } from "fastify";

/** What the informational routes need. */
export interface InfoRoutesDeps {
  readonly version: string;
  /** Kafka's cluster id, as Connect reports it; undefined while Kafka cannot be reached. */
  readonly kafkaClusterId: () => Promise<string | undefined>;
}

/** `GET /` and `GET /health`, in Connect's shapes. */
export function registerInfoRoutes(app: FastifyInstance, deps: InfoRoutesDeps): void {
  app.get("/", async () => ({
    version: deps.version,
    commit: "connect-mesh",
    kafka_cluster_id: (await deps.kafkaClusterId()) ?? null,
  }));

  // Kafka Connect 3.9's health check: 200 once the instance serves requests.
  app.get("/health", async () => ({
    status: "healthy",
    message: "Coordinator has completed startup and is ready to handle requests",
  }));
}
