import type { FastifyInstance } from "fastify";

/**
 * Reads an empty `application/json` body as no body, as Kafka Connect does. Many clients (Kafka's own
 * system tests among them) send `Content-Type: application/json` on every request, bodiless DELETEs, pauses
 * and restarts included; Fastify's own parser refuses those with 400. A route that needs a body still
 * refuses a missing one, through its schema. Anything else is parsed by Fastify's parser, with its guard
 * against `__proto__` and `constructor.prototype` keys.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    // Fastify's default parser is the callback kind: it returns nothing to wait for.
    void parseJson(request, text, done);
  });
}
