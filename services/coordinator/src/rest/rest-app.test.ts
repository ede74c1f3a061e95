import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createRestApp } from "./rest-app.js";

/** The app with a few routes shaped like Connect's: one that takes no body, one that needs one, booleans. */
function appWithRoutes() {
  const app = createRestApp(pino({ level: "silent" }));
  const seen: unknown[] = [];
  app.delete("/connectors/:name", async (_request, reply) => reply.status(204).send());
  app.post<{ Body: { name: string } }>(
    "/connectors",
    { schema: { body: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } },
    async (request) => request.body,
  );
  app.get("/connectors", async () => []);
  app.post<{ Querystring: { includeTasks: boolean; onlyFailed: boolean } }>(
    "/connectors/:name/restart",
    {
      schema: {
        querystring: {
          type: "object",
          properties: {
            includeTasks: { type: "boolean", default: false },
            onlyFailed: { type: "boolean", default: false },
          },
        },
      },
    },
    async (request) => {
      seen.push(request.query);
      return request.query;
    },
  );
  return { app, seen };
}

const json = { "content-type": "application/json" };

describe("createRestApp reads requests as leniently as Kafka Connect", () => {
  it("takes an empty body sent as application/json as no body", async () => {
    const { app } = appWithRoutes();
    const response = await app.inject({ method: "DELETE", url: "/connectors/a", headers: json });
    expect(response.statusCode).toBe(204);
    const restart = await app.inject({
      method: "POST",
      url: "/connectors/a/restart",
      headers: json,
      payload: " ",
    });
    expect(restart.statusCode).toBe(200);
  });

  it("still refuses a missing body where the route needs one, and a body that is not JSON", async () => {
    const { app } = appWithRoutes();
    const empty = await app.inject({ method: "POST", url: "/connectors", headers: json });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({
      error_code: 400,
      message: expect.stringContaining("body must be object"),
    });
    const broken = await app.inject({ method: "POST", url: "/connectors", headers: json, payload: "{name" });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain("not valid JSON");
    const poisoned = await app.inject({
      method: "POST",
      url: "/connectors",
      headers: json,
      payload: '{"name":"a","__proto__":{"polluted":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
  });

  it("reads boolean query parameters in any case, and refuses other spellings", async () => {
    const { app, seen } = appWithRoutes();
    const python = await app.inject({
      method: "POST",
      url: "/connectors/a/restart?includeTasks=True&onlyFailed=FALSE",
    });
    expect(python.statusCode).toBe(200);
    expect(seen).toEqual([{ includeTasks: true, onlyFailed: false }]);
    const yes = await app.inject({ method: "POST", url: "/connectors/a/restart?includeTasks=yes" });
    expect(yes.statusCode).toBe(400);
    expect(yes.json().message).toContain("includeTasks");
  });

  it("answers 405 with Allow for a known path under another method (OPTIONS: 200), 404 for an unknown path", async () => {
    const { app } = appWithRoutes();
    const wrongMethod = await app.inject({ method: "PUT", url: "/connectors?expand=status" });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe("GET, HEAD, POST");
    expect(wrongMethod.json()).toEqual({ error_code: 405, message: "HTTP 405 Method Not Allowed" });
    const options = await app.inject({ method: "OPTIONS", url: "/connectors" });
    expect(options.statusCode).toBe(200);
    expect(options.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    const unknown = await app.inject({ method: "GET", url: "/nope" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error_code: 404, message: "no such endpoint: GET /nope" });
  });
});
