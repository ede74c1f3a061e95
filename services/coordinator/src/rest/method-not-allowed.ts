import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Answers a request for an unknown endpoint: when its path exists under other methods, OPTIONS answers 200
 * and any other method 405 (Kafka Connect's body and message, from its JAX-RS server), both with an `Allow`
 * header; an unknown path answers 404.
 */
export function answerUnknownEndpoint(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const path = request.url.split("?", 1)[0] ?? "";
  const allowed = METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
  if (allowed.length > 0 && request.method === "OPTIONS")
    return reply
      .status(200)
      .header("allow", [...allowed, "OPTIONS"].join(", "))
      .send();
  if (allowed.length > 0)
    return reply
      .status(405)
      .header("allow", allowed.join(", "))
      .send({ error_code: 405, message: "HTTP 405 Method Not Allowed" });
  return reply
    .status(404)
    .send({ error_code: 404, message: `no such endpoint: ${request.method} ${request.url}` });
}
