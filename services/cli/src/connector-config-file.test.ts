import { describe, expect, it } from "vitest";
import { CommandError } from "./command-error.js";
import { connectorConfigFrom } from "./connector-config-file.js";

describe("connectorConfigFrom", () => {
  it("takes the config of a {name, config} file and puts the name into it, as creating it would", () => {
    expect(
      connectorConfigFrom(
        { name: "sink", config: { "connector.class": "FileStreamSink", "tasks.max": 2 } },
        "f",
      ),
    ).toEqual({
      config: { "connector.class": "FileStreamSink", "tasks.max": 2, name: "sink" },
      plugin: "FileStreamSink",
    });
  });

  it("keeps a name the config already has", () => {
    expect(
      connectorConfigFrom({ name: "outer", config: { "connector.class": "C", name: "inner" } }, "f").config,
    ).toEqual({ "connector.class": "C", name: "inner" });
  });

  it("takes a bare config as it is", () => {
    expect(connectorConfigFrom({ "connector.class": "FileStreamSource", file: "in.txt" }, "f")).toEqual({
      config: { "connector.class": "FileStreamSource", file: "in.txt" },
      plugin: "FileStreamSource",
    });
  });

  it.each([
    [[1, 2], "f.json must hold a JSON object"],
    ["text", "f.json must hold a JSON object"],
    [{ name: "x", config: { file: "a" } }, 'f.json has no "connector.class"'],
    [{ "connector.class": "" }, 'f.json has no "connector.class"'],
  ])("rejects %j, saying what is wrong", (json, message) => {
    expect(() => connectorConfigFrom(json, "f.json")).toThrow(CommandError);
    expect(() => connectorConfigFrom(json, "f.json")).toThrow(message);
  });
});
