import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from "fastify";
import { RestError } from "./rest-error.js";

/**
 * The HTTP server with Kafka Connect's error shape: every failure, including a body that is not JSON or
 * does not match a route's schema, answers `{"error_code": <status>, "message": ...}`.
 */
export function createRestApp(logger: FastifyBaseLogger): FastifyInstance {
  const app = Fastify({ loggerInstance: logger, disableRequestLogging: true });
  app.setErrorHandler((error: FastifyError | RestError, request, reply) => {
    const statusCode = restStatusOf(error);
    if (statusCode >= 500) request.log.error({ err: error, url: request.url }, "request failed");
    return reply.status(statusCode).send({ error_code: statusCode, message: restMessageOf(error) });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error_code: 404, message: `no such endpoint: ${request.method} ${request.url}` }),
  );
  return app;
}

function restStatusOf(error: FastifyError | RestError): number {
  if (error instanceof RestError) return error.statusCode;
  return error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
}

function restMessageOf(error: FastifyError | RestError): string {
  if (error instanceof RestError) return error.message;
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `the request body is not valid JSON${cause}; send a JSON object with Content-Type: application/json`;
  }
  if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return "the request body is empty; send a JSON object with Content-Type: application/json";
  }
  if (error.validation) return `invalid request: ${error.message}`;
  return error.message;
}
