import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";

/**
 * Serves `GET /openapi.json`: an OpenAPI 3 document generated from the JSON schemas the routes validate
 * requests and serialize responses with, so it describes exactly what the API does. Register it before
 * the routes, since it collects them as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "connect-mesh REST API",
        description:
          'Kafka Connect\'s REST API, served by every coordinator. Errors answer Connect\'s body, {"error_code": <status>, "message": ...}.',
        version,
      },
    },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
