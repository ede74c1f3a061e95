import type { FastifyInstance } from "fastify";
import { responses } from "./rest-schemas.js";

/** What the informational routes need. */
export interface InfoRoutesDeps {
  readonly version: string;
  /** Kafka's cluster id, as Connect reports it; undefined while Kafka cannot be reached. */
  readonly kafkaClusterId: () => Promise<string | undefined>;
}

/** `GET /` and `GET /health`, in Connect's shapes. */
export function registerInfoRoutes(app: FastifyInstance, deps: InfoRoutesDeps): void {
  const infoSchema = {
    response: responses({
      200: {
        description: "This instance's version, and the Kafka cluster it works with",
        type: "object",
        required: ["version", "commit", "kafka_cluster_id"],
        properties: {
          version: { type: "string" },
          commit: { type: "string" },
          kafka_cluster_id: { type: ["string", "null"], description: "null while Kafka is out of reach" },
        },
      },
    }),
  };
  app.get("/", { schema: infoSchema }, async () => ({
    version: deps.version,
    commit: "connect-mesh",
    kafka_cluster_id: (await deps.kafkaClusterId()) ?? null,
  }));

  // Kafka Connect 3.9's health check: 200 once the instance serves requests.
  const healthSchema = {
    response: responses({
      200: {
        description: "The instance serves requests",
        type: "object",
        required: ["status", "message"],
        properties: { status: { type: "string", enum: ["healthy"] }, message: { type: "string" } },
      },
    }),
  };
  app.get("/health", { schema: healthSchema }, async () => ({
    status: "healthy",
    message: "Coordinator has completed startup and is ready to handle requests",
  }));
}
