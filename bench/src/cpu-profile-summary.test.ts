import { describe, expect, it } from "vitest";
import { placeOf, summarizeProfile } from "./cpu-profile-summary.js";

const node = (id: number, functionName: string, url: string, hitCount: number) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
  hitCount,
});

describe("summarizeProfile", () => {
  const profile = {
    startTime: 0,
    endTime: 1_000_000, // 1 s in µs, over 100 samples: 10 ms each
    nodes: [
      node(1, "(root)", "", 0),
      node(2, "(idle)", "", 50),
      node(3, "encode", "file:///repo/node_modules/kafkajs/src/protocol/encoder.js", 30),
      node(4, "fromConnectData", "file:///repo/libs/converters/dist/json-converter.js", 10),
      node(5, "encode", "file:///repo/node_modules/kafkajs/src/protocol/encoder.js", 5),
      node(6, "(garbage collector)", "", 5),
    ],
  };
  const summary = summarizeProfile(profile);

  it("leaves idle time out of the shares", () => {
    expect(summary.idleMs).toBe(500);
    expect(summary.busyMs).toBe(500);
  });

  it("adds up a function's nodes and ranks functions by self time", () => {
    expect(summary.functions[0]).toEqual({ name: "encode kafkajs/src/protocol/encoder.js:10", percent: 70 });
  });

  it("ranks places, the mesh's own packages among npm's", () => {
    expect(summary.places.map((p) => p.name)).toEqual(["kafkajs", "libs/converters", "(garbage collector)"]);
  });
});

describe("placeOf", () => {
  it.each([
    ["file:///r/node_modules/@grpc/grpc-js/build/src/x.js", "@grpc/grpc-js"],
    ["file:///r/node_modules/kafkajs/src/x.js", "kafkajs"],
    ["file:///r/services/connectors/file/dist/x.js", "services/connectors/file"],
    ["file:///r/services/worker/dist/x.js", "services/worker"],
    ["node:internal/streams/readable", "node:internal"],
  ])("puts %s under %s", (url, place) => {
    expect(placeOf("f", url)).toBe(place);
  });
});
