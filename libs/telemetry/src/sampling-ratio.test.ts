import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLING_RATIO, InvalidSamplingRatioError, samplingRatioFrom } from "./sampling-ratio.js";

describe("samplingRatioFrom", () => {
  it("defaults to tracing every record when the key is absent or empty", () => {
    expect(samplingRatioFrom({})).toBe(DEFAULT_SAMPLING_RATIO);
    expect(samplingRatioFrom({ "trace.sampling.ratio": " " })).toBe(DEFAULT_SAMPLING_RATIO);
  });

  it.each([
    ["0", 0],
    ["1", 1],
    ["1.0", 1],
    ["0.01", 0.01],
    [".5", 0.5],
    ["1e-3", 0.001],
  ])("reads %j as %d", (text, ratio) => {
    expect(samplingRatioFrom({ "trace.sampling.ratio": text })).toBe(ratio);
  });

  it.each(["-0.1", "1.5", "half", "NaN", "Infinity", "0x1"])("rejects %j, naming the key", (text) => {
    expect(() => samplingRatioFrom({ "trace.sampling.ratio": text })).toThrow(InvalidSamplingRatioError);
    expect(() => samplingRatioFrom({ "trace.sampling.ratio": text })).toThrow(/trace\.sampling\.ratio/);
  });
});
