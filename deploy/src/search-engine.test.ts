import { describe, expect, it } from "vitest";
import { clusterHealthFrom } from "./search-engine.js";

describe("clusterHealthFrom", () => {
  it.each(["green", "yellow"])("takes %s as healthy", (status) => {
    expect(clusterHealthFrom({ cluster_name: "elasticsearch", status })).toEqual({ healthy: true });
  });

  it.each([
    [{ status: "red" }, "cluster health is red"],
    [{ error: "no master" }, "cluster health is missing from the answer"],
    [null, "cluster health is missing from the answer"],
    ["green", "cluster health is missing from the answer"],
  ])("takes %j as unhealthy, saying why", (body, reason) => {
    expect(clusterHealthFrom(body)).toEqual({ healthy: false, reason });
  });
});
