import type { RunningComponent } from "@connect-mesh/deploy";
import { describe, expect, it } from "vitest";
import { accessHintFor } from "./database-logins.js";

const component = (probe: RunningComponent["probe"]): RunningComponent => ({
  name: probe.kind,
  pid: 1,
  address: "127.0.0.1:1",
  logFile: "/run/x.log",
  probe,
});

describe("accessHintFor", () => {
  it("names MariaDB's client, its port and root without a password", () => {
    expect(accessHintFor(component({ kind: "mariadb", host: "127.0.0.1", port: 13306 }))).toBe(
      "log in to mariadb: mariadb -h 127.0.0.1 -P 13306 -u root   (no password)",
    );
  });

  it("names psql, its port and the postgres user with its password", () => {
    expect(accessHintFor(component({ kind: "postgres", host: "127.0.0.1", port: 15432 }))).toBe(
      "log in to postgres: PGPASSWORD=postgres psql -h 127.0.0.1 -p 15432 -U postgres",
    );
  });

  it("names the curl that asks a search engine for its cluster health", () => {
    expect(accessHintFor(component({ kind: "cluster-health", url: "http://127.0.0.1:19200" }))).toBe(
      "reach cluster-health: curl http://127.0.0.1:19200/_cluster/health?pretty",
    );
  });

  it("has nothing to say about a component that is no database", () => {
    expect(accessHintFor(component({ kind: "etcd", url: "http://127.0.0.1:2379" }))).toBeUndefined();
  });
});
