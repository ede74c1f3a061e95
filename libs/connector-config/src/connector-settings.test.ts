import { describe, expect, it } from "vitest";
import { connectorRuntimeSettingsFrom, parseSinkTopics } from "./connector-settings.js";

describe("connectorRuntimeSettingsFrom", () => {
  it("takes Connect's defaults for a config that sets none of the runtime's keys", () => {
    expect(connectorRuntimeSettingsFrom({ "connector.class": "FileStreamSink" })).toEqual({
      tasksMax: 1,
      restartBackoff: { initialMs: 500, maxMs: 30_000 },
      converters: {
        key: { className: "org.apache.kafka.connect.json.JsonConverter", config: {} },
        value: { className: "org.apache.kafka.connect.json.JsonConverter", config: {} },
        header: { className: "org.apache.kafka.connect.storage.SimpleHeaderConverter", config: {} },
      },
    });
  });

  it("reads the keys that are set, each converter with the settings under its prefix", () => {
    const settings = connectorRuntimeSettingsFrom({
      "tasks.max": " 3 ",
      "task.restart.backoff.initial.ms": "100",
      "task.restart.backoff.max.ms": "2000",
      "value.converter": "StringConverter",
      "value.converter.encoding": "UTF-16",
      "key.converter.schemas.enable": "false",
    });
    expect(settings.tasksMax).toBe(3);
    expect(settings.restartBackoff).toEqual({ initialMs: 100, maxMs: 2000 });
    expect(settings.converters.value).toEqual({
      className: "StringConverter",
      config: { encoding: "UTF-16" },
    });
    expect(settings.converters.key.config).toEqual({ "schemas.enable": "false" });
  });
});

describe("parseSinkTopics", () => {
  it("reads a comma-separated list, or a pattern", () => {
    expect(parseSinkTopics({ topics: " a, b ,," })).toEqual({ kind: "list", topics: ["a", "b"] });
    const pattern = parseSinkTopics({ "topics.regex": "orders-.*" });
    expect(pattern.kind === "pattern" && pattern.pattern.test("orders-eu")).toBe(true);
  });

  it("says, in Connect's words, what is wrong with neither, both, or a bad pattern", () => {
    expect(parseSinkTopics({})).toEqual({
      kind: "invalid",
      error: { key: "topics", message: "Must configure one of topics or topics.regex" },
    });
    expect(parseSinkTopics({ topics: "a", "topics.regex": "a.*" })).toEqual({
      kind: "invalid",
      error: {
        key: "topics",
        message: "topics and topics.regex are mutually exclusive options, but both are set.",
      },
    });
    const bad = parseSinkTopics({ "topics.regex": "(" });
    expect(bad.kind === "invalid" && bad.error.key).toBe("topics.regex");
    expect(bad.kind === "invalid" && bad.error.message).toMatch(
      /^Invalid value \( for configuration topics\.regex: /,
    );
  });
});
