import { describe, expect, it } from "vitest";
import { ClusterKeys } from "./cluster-keys.js";

describe("ClusterKeys", () => {
  const keys = new ClusterKeys("prod");

  it("puts every key of a cluster under /connect-mesh/<cluster>/", () => {
    expect(keys.connectorConfig("orders")).toBe("/connect-mesh/prod/connectors/orders/config");
    expect(keys.assignment("worker-1")).toBe("/connect-mesh/prod/assignments/worker-1");
    expect(keys.taskStatus("orders", 3)).toBe("/connect-mesh/prod/status/orders/tasks/3");
    expect(keys.leaderElection).toBe("/connect-mesh/prod/leader");
  });

  it("escapes a slash in a connector name, so a name cannot reach into another connector's keys", () => {
    expect(keys.connectorConfig("a/tasks")).toBe("/connect-mesh/prod/connectors/a%2Ftasks/config");
    expect(keys.connectorNameOf(keys.connectorConfig("a/tasks"))).toBe("a/tasks");
  });

  it("keeps one key per cluster-scope logger namespace, escaped like connector names", () => {
    expect(keys.loggerLevel("root")).toBe("/connect-mesh/prod/logger-levels/root");
    expect(keys.loggerLevel("a/b.c")).toBe("/connect-mesh/prod/logger-levels/a%2Fb.c");
    expect(keys.loggerNamespaceOf(keys.loggerLevel("a/b.c"))).toBe("a/b.c");
    expect(keys.loggerNamespaceOf(keys.connectorConfig("x"))).toBeUndefined();
  });

  it("finds no connector name in a key outside the connectors prefix", () => {
    expect(keys.connectorNameOf("/connect-mesh/prod/assignments/w")).toBeUndefined();
  });

  it("reads the task back from a task status key, and nothing from a connector status key", () => {
    expect(keys.taskOfStatusKey(keys.taskStatus("a/b", 7))).toEqual({ connector: "a/b", task: 7 });
    expect(keys.taskOfStatusKey(keys.connectorStatus("a"))).toBeUndefined();
    expect(keys.taskOfStatusKey(keys.connectorConfig("a"))).toBeUndefined();
  });

  it("keeps each connector's active topics apart, escaping both names", () => {
    expect(keys.activeTopic("a/b", "orders.v1")).toBe("/connect-mesh/prod/topics/a%2Fb/orders.v1");
    expect(keys.activeTopic("a/b", "x").startsWith(keys.connectorTopicsPrefix("a/b"))).toBe(true);
  });
});
