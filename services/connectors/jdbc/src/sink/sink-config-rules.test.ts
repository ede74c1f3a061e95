import { ConfigError } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { jdbcSinkConfig } from "./sink-config.js";
import { assertSinkConfig, sinkConfigProblems } from "./sink-config-rules.js";
import { TOPIC_PLACEHOLDER } from "./table-name.js";

const parse = (extra: Record<string, string>) =>
  jdbcSinkConfig.parse({ "connection.url": "jdbc:postgresql://db:5432/shop", ...extra });

describe("jdbcSinkConfig", () => {
  it("has Confluent's defaults", () => {
    expect(parse({})).toMatchObject({
      insertMode: "insert",
      pkMode: "none",
      pkFields: [],
      fieldsWhitelist: [],
      autoCreate: false,
      autoEvolve: false,
      deleteEnabled: false,
      batchSize: 3000,
      tableNameFormat: TOPIC_PLACEHOLDER,
      maxRetries: 10,
      retryBackoffMs: 3000,
      dbTimezone: "UTC",
    });
  });

  it.each([
    ["insert.mode", "merge"],
    ["pk.mode", "primary"],
    ["batch.size", "-1"],
    ["table.name.format", ""],
  ])("refuses %s=%s", (key, value) => {
    expect(() => parse({ [key]: value })).toThrow(ConfigError);
  });

  it("accepts the modes in upper case, as Confluent's connector does", () => {
    expect(sinkConfigProblems(parse({ "insert.mode": "UPSERT", "pk.mode": "RECORD_VALUE" }))).toEqual([]);
  });
});

describe("sinkConfigProblems", () => {
  it.each<[string, Record<string, string>, string[]]>([
    ["the defaults", {}, []],
    ["deletes with record_key", { "delete.enabled": "true", "pk.mode": "record_key" }, []],
    [
      "deletes without record_key",
      { "delete.enabled": "true", "pk.mode": "record_value" },
      ["delete.enabled"],
    ],
    ["deletes with the default pk.mode", { "delete.enabled": "true" }, ["delete.enabled"]],
    ["upsert without a key", { "insert.mode": "upsert" }, ["pk.mode"]],
    ["update without a key", { "insert.mode": "update" }, ["pk.mode"]],
    ["upsert on the Kafka coordinates", { "insert.mode": "upsert", "pk.mode": "kafka" }, []],
    ["kafka with three column names", { "pk.mode": "kafka", "pk.fields": "t,p,o" }, []],
    ["kafka with two column names", { "pk.mode": "kafka", "pk.fields": "t,p" }, ["pk.fields"]],
    ["pk.fields ignored with pk.mode none", { "pk.fields": "a,b" }, []],
    ["an unknown time zone", { "db.timezone": "Mars/Olympus" }, ["db.timezone"]],
    [
      "several at once",
      { "delete.enabled": "true", "insert.mode": "update", "db.timezone": "Nowhere" },
      ["delete.enabled", "pk.mode", "db.timezone"],
    ],
  ])("%s", (_, extra, keys) => {
    expect(sinkConfigProblems(parse(extra)).map((problem) => problem.key)).toEqual(keys);
  });

  it("says what to set when deletes lack record_key", () => {
    const [problem] = sinkConfigProblems(parse({ "delete.enabled": "true" }));
    expect(problem?.message).toMatch(
      /must be 'record_key' when delete support is enabled.*set pk\.mode=record_key/,
    );
  });
});

describe("assertSinkConfig", () => {
  it("throws a ConfigError listing every problem", () => {
    const attempt = () => assertSinkConfig(parse({ "delete.enabled": "true", "insert.mode": "upsert" }));
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/delete\.enabled: .*; pk\.mode: /);
  });

  it("passes a sound config", () => {
    expect(() =>
      assertSinkConfig(parse({ "insert.mode": "upsert", "pk.mode": "record_value" })),
    ).not.toThrow();
  });
});
