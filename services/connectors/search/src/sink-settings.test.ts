import { describe, expect, it } from "vitest";
import { MAX_BULK_BYTES } from "./bulk-sender.js";
import { searchSinkConfig } from "./sink-config.js";
import { searchSinkSettings } from "./sink-settings.js";

const settingsOf = (extra: Record<string, string>) =>
  searchSinkSettings(searchSinkConfig.parse({ "connection.url": "http://es:9200", ...extra }));

describe("searchSinkSettings", () => {
  it("reads the enumerated keys in lower case, whatever case they were given in", () => {
    const settings = settingsOf({
      "write.method": "UPSERT",
      "behavior.on.null.values": "Delete",
      "behavior.on.malformed.documents": "WARN",
    });
    expect(settings.actions.writeMethod).toBe("upsert");
    expect(settings.actions.nullValues).toBe("delete");
    expect(settings.malformedDocuments).toBe("warn");
  });

  it("ignores the key of the topics in topic.key.ignore, or of every topic with key.ignore", () => {
    const listed = settingsOf({ "topic.key.ignore": "clicks, views" });
    expect([listed.actions.ignoresKey("views"), listed.actions.ignoresKey("orders")]).toEqual([true, false]);
    expect(settingsOf({ "key.ignore": "true" }).actions.ignoresKey("orders")).toBe(true);
  });

  it("ignores the schema of the topics in topic.schema.ignore, or of every topic with schema.ignore", () => {
    const listed = settingsOf({ "topic.schema.ignore": "clicks" });
    expect([listed.ignoresSchema("clicks"), listed.ignoresSchema("orders")]).toEqual([true, false]);
    expect(settingsOf({ "schema.ignore": "true" }).ignoresSchema("orders")).toBe(true);
  });

  it.each([
    ["1", 1],
    ["5", 5],
    ["50", 5],
  ])(
    "retries a conflicting upsert as often as max.in.flight.requests=%s allows, at most 5 times",
    (given, expected) => {
      expect(settingsOf({ "max.in.flight.requests": given }).actions.retryOnConflict).toBe(expected);
    },
  );

  it("sends and connects by the config's numbers", () => {
    const settings = settingsOf({
      "connection.url": "http://es1:9200, es2:9200",
      "batch.size": "500",
      "max.in.flight.requests": "2",
      "max.retries": "7",
      "retry.backoff.ms": "250",
      "read.timeout.ms": "1500",
    });
    expect(settings.sending).toEqual({
      maxActions: 500,
      maxBytes: MAX_BULK_BYTES,
      maxInFlight: 2,
      maxRetries: 7,
      retryBackoffMs: 250,
    });
    expect(settings.connection).toEqual({
      urls: ["http://es1:9200", "es2:9200"],
      username: undefined,
      password: undefined,
      requestTimeoutMs: 1500,
    });
  });

  it("passes on the credentials", () => {
    const { connection } = settingsOf({ "connection.username": "elastic", "connection.password": "secret" });
    expect(connection).toMatchObject({ username: "elastic", password: "secret" });
  });
});
