import { ConfigError } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { searchSinkConfig } from "./sink-config.js";
import { assertValid, configProblems } from "./sink-config-rules.js";

const parse = (extra: Record<string, string>) =>
  searchSinkConfig.parse({ "connection.url": "http://es:9200", ...extra });

const problemKeys = (extra: Record<string, string>) => configProblems(parse(extra)).map(({ key }) => key);

describe("searchSinkConfig", () => {
  it("has Confluent's defaults", () => {
    expect(parse({})).toMatchObject({
      connectionUrl: ["http://es:9200"],
      batchSize: 2000,
      maxInFlightRequests: 5,
      lingerMs: 1n,
      maxRetries: 5,
      retryBackoffMs: 100n,
      readTimeoutMs: 3000,
      keyIgnore: false,
      schemaIgnore: false,
      topicKeyIgnore: [],
      topicSchemaIgnore: [],
      behaviorOnNullValues: "fail",
      behaviorOnMalformedDocuments: "fail",
      writeMethod: "insert",
    });
  });

  it.each([
    ["behavior.on.null.values", "skip"],
    ["behavior.on.malformed.documents", "log"],
    ["write.method", "merge"],
    ["batch.size", "0"],
    ["retry.backoff.ms", "86400001"],
    ["key.ignore", "yes"],
  ])("refuses %s=%s", (key, value) => {
    expect(() => parse({ [key]: value })).toThrow(ConfigError);
  });

  it("accepts the enumerated values in any case, as Confluent's connector does", () => {
    const config = parse({
      "behavior.on.null.values": "IGNORE",
      "behavior.on.malformed.documents": "Warn",
      "write.method": "UPSERT",
    });
    expect(config.writeMethod).toBe("UPSERT");
  });

  it("refuses a config without connection.url", () => {
    expect(() => searchSinkConfig.parse({})).toThrow(/connection\.url/);
  });
});

describe("configProblems", () => {
  it.each<[string, Record<string, string>, string[]]>([
    ["the defaults", {}, []],
    ["an empty connection.url", { "connection.url": "" }, ["connection.url"]],
    ["deletes by key", { "behavior.on.null.values": "delete" }, []],
    [
      "deletes with the key ignored",
      { "behavior.on.null.values": "DELETE", "key.ignore": "true" },
      ["behavior.on.null.values"],
    ],
    [
      "ignores tombstones with the key ignored",
      { "behavior.on.null.values": "ignore", "key.ignore": "true" },
      [],
    ],
    ["a user and password", { "connection.username": "elastic", "connection.password": "secret" }, []],
    ["a user without a password", { "connection.username": "elastic" }, []],
  ])("finds the problems of %s", (_case, extra, keys) => {
    expect(problemKeys(extra)).toEqual(keys);
  });

  it("asks for connection.username when only connection.password is set", () => {
    expect(problemKeys({ "connection.password": "secret" })).toEqual(["connection.username"]);
  });
});

describe("assertValid", () => {
  it("throws a ConfigError listing every problem", () => {
    const config = parse({ "connection.url": "", "behavior.on.null.values": "delete", "key.ignore": "true" });
    expect(() => assertValid(config)).toThrow(ConfigError);
    expect(() => assertValid(config)).toThrow(/connection\.url: .*; behavior\.on\.null\.values: /);
  });

  it("accepts a valid config", () => {
    expect(() => assertValid(parse({}))).not.toThrow();
  });
});
