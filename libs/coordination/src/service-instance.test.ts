import { describe, expect, it } from "vitest";
import { parseServiceInstance } from "./service-instance.js";

const valid = {
  serviceType: "connector",
  instanceId: "file-1",
  address: "127.0.0.1:50051",
  kind: "source",
  plugins: [{ className: "FileStreamSource", aliases: ["FileSource"], kind: "source", version: "1.0.0" }],
  version: "1.0.0",
  registeredAt: "2026-01-01T00:00:00.000Z",
};

describe("parseServiceInstance", () => {
  it("reads a complete entry", () => {
    expect(parseServiceInstance(JSON.stringify(valid))).toEqual({ instance: valid });
  });

  it("fills in no plugins and no kind for a worker's entry", () => {
    const { kind: _kind, plugins: _plugins, ...worker } = valid;
    expect(parseServiceInstance(JSON.stringify({ ...worker, serviceType: "worker" }))).toEqual({
      instance: { ...worker, serviceType: "worker", plugins: [] },
    });
  });

  it("keeps a metrics address, and reads an entry written before it existed without one", () => {
    const withMetrics = { ...valid, metricsAddress: "127.0.0.1:9464" };
    expect(parseServiceInstance(JSON.stringify(withMetrics))).toEqual({ instance: withMetrics });
    expect(parseServiceInstance(JSON.stringify(valid))).toEqual({ instance: valid });
  });

  it.each([
    ["text that is not JSON", "{not json", /not JSON/],
    ["an entry without an address", JSON.stringify({ ...valid, address: undefined }), /address/],
    ["an empty instance id", JSON.stringify({ ...valid, instanceId: "" }), /instanceId/],
    [
      "a plugin of an unknown kind",
      JSON.stringify({ ...valid, plugins: [{ ...valid.plugins[0], kind: "transform" }] }),
      /kind/,
    ],
  ])("says what is wrong with %s", (_name, text, reason) => {
    const result = parseServiceInstance(text);
    expect(result).toEqual({ error: expect.stringMatching(reason) });
  });
});
