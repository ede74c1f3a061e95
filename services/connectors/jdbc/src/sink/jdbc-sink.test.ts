import { ConfigError, silentLogger } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { JDBC_CONNECTOR_VERSION } from "../version.js";
import { JDBC_SINK_CLASS, jdbcSink } from "./jdbc-sink.js";

const URL = { "connection.url": "jdbc:mysql://127.0.0.1:1/db?user=root" };

async function plan(raw: Record<string, string>, maxTasks: number) {
  const plugin = jdbcSink();
  return plugin.plan({
    config: plugin.config.parse(raw),
    raw,
    connectorName: "jdbc-sink",
    maxTasks,
    signal: new AbortController().signal,
  });
}

describe("jdbcSink", () => {
  it("answers to Confluent's class name and aliases", () => {
    expect(jdbcSink()).toMatchObject({
      className: JDBC_SINK_CLASS,
      aliases: ["JdbcSinkConnector", "JdbcSink"],
      version: JDBC_CONNECTOR_VERSION,
      kind: "sink",
    });
    expect(JDBC_SINK_CLASS).toBe("io.confluent.connect.jdbc.JdbcSinkConnector");
  });

  it("describes Confluent's keys with their defaults, and not the runtime's", () => {
    const definitions = new Map(jdbcSink().config.definitions.map((d) => [d.name, d.defaultValue]));
    expect(Object.fromEntries(definitions)).toMatchObject({
      "insert.mode": "insert",
      "pk.mode": "none",
      "pk.fields": "",
      "fields.whitelist": "",
      "auto.create": "false",
      "auto.evolve": "false",
      "delete.enabled": "false",
      "batch.size": "3000",
      "max.retries": "10",
      "retry.backoff.ms": "3000",
    });
    expect(definitions.has("connection.url")).toBe(true);
    expect(definitions.has("topics")).toBe(false);
    expect(definitions.has("tasks.max")).toBe(false);
  });

  it("plans tasks.max identical tasks that keep the runtime's keys", async () => {
    const raw = { ...URL, topics: "a,b", "tasks.max": "3" };
    expect(await plan(raw, 3)).toEqual([raw, raw, raw]);
  });

  it.each([
    [{ "delete.enabled": "true" }, /delete\.enabled: Primary key mode must be 'record_key'/],
    [{ "insert.mode": "upsert" }, /pk\.mode: insert\.mode=upsert matches rows by their primary key/],
  ])("refuses to plan a config that breaks a rule between keys (%o)", async (extra, message) => {
    const attempt = plan({ ...URL, ...extra }, 1);
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("refuses to open a task for such a config before it connects", async () => {
    const attempt = jdbcSink().open({
      connectorName: "jdbc-sink",
      taskId: 0,
      config: { ...URL, "delete.enabled": "true" },
      assigned: [],
      signal: new AbortController().signal,
      logger: silentLogger,
    });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
  });
});
