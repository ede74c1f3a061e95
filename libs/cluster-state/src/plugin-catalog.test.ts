import type { ServiceInstance } from "@connect-mesh/coordination";
import { describe, expect, it } from "vitest";
import { PluginCatalog } from "./plugin-catalog.js";

const fileService = (address: string): ServiceInstance => ({
  serviceType: "connector",
  instanceId: address,
  address,
  plugins: [
    {
      className: "org.apache.kafka.connect.file.FileStreamSourceConnector",
      aliases: ["FileStreamSource"],
      kind: "source",
      version: "1.0.0",
    },
  ],
  version: "1.0.0",
  registeredAt: "2026-11-25T00:00:00Z",
});

describe("PluginCatalog", () => {
  const catalog = new PluginCatalog([fileService("127.0.0.1:1"), fileService("127.0.0.1:2")]);

  it.each([
    "org.apache.kafka.connect.file.FileStreamSourceConnector",
    "FileStreamSourceConnector",
    "FileStreamSource",
    " FileStreamSource ",
  ])("finds the plugin by %j, with every instance that hosts it", (name) => {
    expect(catalog.find(name)).toEqual({
      plugin: expect.objectContaining({
        className: "org.apache.kafka.connect.file.FileStreamSourceConnector",
      }),
      addresses: ["127.0.0.1:1", "127.0.0.1:2"],
    });
  });

  it("finds nothing for a class no service hosts", () => {
    expect(catalog.find("FileStreamSink")).toBeUndefined();
  });

  it("lists each plugin once", () => {
    expect(catalog.list()).toHaveLength(1);
  });
});
