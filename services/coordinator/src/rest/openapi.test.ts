import type { ClusterStores } from "@connect-mesh/cluster-state";
import { NamedLoggers } from "@connect-mesh/logging";
import type { SourceOffsetStore } from "@connect-mesh/source-offsets";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { ConnectorServices } from "../connector-services.js";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { registerConnectorRoutes } from "./connector-routes.js";
import { registerInfoRoutes } from "./info-routes.js";
import { registerLoggerRoutes } from "./logger-routes.js";
import { registerOffsetsRoutes } from "./offsets-routes.js";
import { registerOpenApi } from "./openapi.js";
import { registerPluginRoutes } from "./plugin-routes.js";
import { createRestApp } from "./rest-app.js";
import { registerRestartRoutes } from "./restart-routes.js";
import { registerTargetStateRoutes } from "./target-state-routes.js";

/** Every route registered as main.ts does; the document is built from the routes alone, so deps are never called. */
async function appWithEveryRoute() {
  const logger = pino({ level: "silent" });
  const unused = {} as never;
  const app = createRestApp(logger);
  await registerOpenApi(app, "1.2.3");
  registerInfoRoutes(app, { version: "1.2.3", kafkaClusterId: async () => undefined });
  const state = unused as ClusterStores;
  const catalog = unused as PluginCatalogWatcher;
  const services = unused as ConnectorServices;
  registerConnectorRoutes(app, { state, catalog, services });
  registerTargetStateRoutes(app, state);
  registerRestartRoutes(app, { state, catalog });
  registerPluginRoutes(app, { catalog, services });
  registerOffsetsRoutes(app, {
    state,
    catalog,
    sourceOffsets: unused as SourceOffsetStore,
    kafka: async () => unused,
  });
  registerLoggerRoutes(app, { loggers: new NamedLoggers(logger), levels: unused });
  await app.ready();
  return app;
}

interface Response {
  content?: Record<string, { schema: { required?: string[] } }>;
}

interface Operation {
  parameters?: { in: string; name: string }[];
  responses: Record<string, Response>;
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3 document of every route, without itself", async () => {
    const app = await appWithEveryRoute();
    const response = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, Operation>> }>();
    expect(document.openapi).toMatch(/^3\./);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "GET /connectors",
        "POST /connectors",
        "PUT /connectors/{name}/config",
        "GET /connectors/{name}/tasks/{task}/status",
        "PATCH /connectors/{name}/offsets",
        "PUT /connector-plugins/{plugin}/config/validate",
        "GET /admin/loggers",
        "PUT /admin/loggers/{logger}",
      ]),
    );
    expect(operations).toHaveLength(26);
    expect(operations.some((operation) => operation.includes("openapi"))).toBe(false);
  });

  it("documents for every operation a success, Connect's error body for each error, and its path parameters", async () => {
    const app = await appWithEveryRoute();
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(operation.responses);
        expect(
          statuses.some((status) => status.startsWith("2")),
          where,
        ).toBe(true);
        expect(statuses, where).toContain("500");
        for (const status of statuses.filter((s) => Number(s) >= 400)) {
          const schema = operation.responses[status]?.content?.["application/json"]?.schema;
          expect(schema?.required, `${where} ${status}`).toEqual(["error_code", "message"]);
        }
        const pathParameters = (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(pathParameters.sort(), where).toEqual(
          [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
        );
      }
    }
  });
});
