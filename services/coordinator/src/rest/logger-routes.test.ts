import { NamedLoggers } from "@connect-mesh/logging";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { registerLoggerRoutes } from "./logger-routes.js";
import { createRestApp } from "./rest-app.js";

/** The routes over real named loggers; the cluster state only records what would be stored in etcd. */
function appWithLoggers() {
  const root = pino({ level: "info" }, { write: () => {} });
  const loggers = new NamedLoggers(root, () => 1_700_000_000_000);
  loggers.logger("coordinator.rest");
  const stored: [string, string][] = [];
  const levels = {
    writeClusterLoggerLevel: async (namespace: string, level: string) => {
      stored.push([namespace, level]);
      return stored.length;
    },
  };
  const app = createRestApp(root);
  registerLoggerRoutes(app, { loggers, levels });
  return { app, loggers, stored };
}

describe("/admin/loggers", () => {
  it("lists every logger with its level, and when it was last set (null: never)", async () => {
    const { app } = appWithLoggers();
    const response = await app.inject({ method: "GET", url: "/admin/loggers" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      "coordinator.rest": { level: "INFO", last_modified: null },
      root: { level: "INFO", last_modified: null },
    });
  });

  it("sets a namespace on this instance and answers the loggers that changed", async () => {
    const { app, loggers } = appWithLoggers();
    const response = await app.inject({
      method: "PUT",
      url: "/admin/loggers/coordinator",
      payload: { level: "debug" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(["coordinator", "coordinator.rest"]);
    expect(loggers.logger("coordinator.rest").isLevelEnabled("debug")).toBe(true);
    const one = await app.inject({ method: "GET", url: "/admin/loggers/coordinator.rest" });
    expect(one.json()).toEqual({ level: "DEBUG", last_modified: 1_700_000_000_000 });
  });

  it("stores a cluster-scope level for every process to apply, and answers 204", async () => {
    const { app, loggers, stored } = appWithLoggers();
    const response = await app.inject({
      method: "PUT",
      url: "/admin/loggers/root?scope=CLUSTER",
      payload: { level: "warn" },
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect(stored).toEqual([["root", "WARN"]]);
    // Applied when this instance's follower sees it in etcd, not by the request itself.
    expect(loggers.level("root")?.level).toBe("INFO");
  });

  it("takes an unknown scope as this instance's, as Connect does", async () => {
    const { app, stored } = appWithLoggers();
    const response = await app.inject({
      method: "PUT",
      url: "/admin/loggers/root?scope=galaxy",
      payload: { level: "ERROR" },
    });
    expect(response.statusCode).toBe(200);
    expect(stored).toEqual([]);
  });

  it.each([
    ["GET", "/admin/loggers/nobody", undefined, 404, "Logger nobody not found."],
    ["PUT", "/admin/loggers/root", { level: "LOUD" }, 404, "invalid log level 'LOUD'."],
    ["PUT", "/admin/loggers/root", { lvl: "DEBUG" }, 400, expect.stringMatching(/level/)],
  ])("%s %s with %j answers %i in Connect's shape", async (method, url, payload, status, message) => {
    const { app } = appWithLoggers();
    const response = await app.inject({ method: method as "GET" | "PUT", url, payload });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error_code: status, message });
  });
});
