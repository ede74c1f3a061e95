import { describe, expect, it } from "vitest";
import {
  envelopeBytes,
  jsonConverterEnvelope,
  latencyLine,
  MIN_LINE_BYTES,
  parseLatencyLine,
  throughputLine,
} from "./lines.js";

describe("throughputLine", () => {
  it.each([100, 1024, MIN_LINE_BYTES])("is exactly %i bytes with its newline", (bytes) => {
    const line = throughputLine(123, bytes);
    expect(Buffer.byteLength(line)).toBe(bytes);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
  });

  it("differs for every sequence number", () => {
    expect(throughputLine(1, 100)).not.toBe(throughputLine(2, 100));
  });

  it("refuses a length its sequence number does not fit in", () => {
    expect(() => throughputLine(1, 5)).toThrow(RangeError);
  });
});

describe("latencyLine", () => {
  it("carries its sequence number and write time back out", () => {
    const line = latencyLine(42, 1_795_000_000_123_456, 100);
    expect(Buffer.byteLength(line)).toBe(100);
    expect(parseLatencyLine(line)).toEqual({ sequence: 42, writtenAtMicros: 1_795_000_000_123_456 });
  });

  it("parses to undefined when the line is not one of ours", () => {
    expect(parseLatencyLine("hello world")).toBeUndefined();
  });
});

describe("jsonConverterEnvelope", () => {
  it("is what JsonConverter writes for a STRING with its schema", () => {
    expect(JSON.parse(jsonConverterEnvelope("abc"))).toEqual({
      schema: { type: "string", optional: false },
      payload: "abc",
    });
  });

  it("has the size envelopeBytes predicts for a line", () => {
    const line = throughputLine(7, 100);
    expect(jsonConverterEnvelope(line.slice(0, -1)).length).toBe(envelopeBytes(100));
  });
});
