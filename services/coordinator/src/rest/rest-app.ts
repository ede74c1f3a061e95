import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from "fastify";
import { readBooleanQueryParamsInAnyCase } from "./boolean-query-params.js";
import { acceptEmptyJsonBodies } from "./empty-json-bodies.js";
import { answerUnknownEndpoint } from "./method-not-allowed.js";
import { RestError } from "./rest-error.js";

/**
 * The HTTP server with Kafka Connect's error shape: every failure, including a body that is not JSON or
 * does not match a route's schema, answers `{"error_code": <status>, "message": ...}`. It reads requests as
 * leniently as Connect: an empty JSON body is no body, boolean query parameters may be in any case, and a
 * known path under the wrong method answers 405. Register the routes after it.
 */
export function createRestApp(logger: FastifyBaseLogger): FastifyInstance {
  const app = Fastify({ loggerInstance: logger, disableRequestLogging: true });
  app.setErrorHandler((error: FastifyError | RestError, request, reply) => {
    const statusCode = restStatusOf(error);
    if (statusCode >= 500) request.log.error({ err: error, url: request.url }, "request failed");
    return reply.status(statusCode).send({ error_code: statusCode, message: restMessageOf(error) });
  });
  app.setNotFoundHandler((request, reply) => answerUnknownEndpoint(app, request, reply));
  acceptEmptyJsonBodies(app);
  readBooleanQueryParamsInAnyCase(app);
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
  if (error.validation) return `invalid request: ${error.message}`;
  return error.message;
}
