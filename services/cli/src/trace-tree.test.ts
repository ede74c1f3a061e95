import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { JaegerTrace } from "./jaeger-trace.js";
import { formatDuration, renderTraceTree } from "./trace-tree.js";

/** Recorded from a real Jaeger: a record read by the file service that failed a sink-side transform. */
const recorded = JSON.parse(
  readFileSync(new URL("./testdata/jaeger-trace-dead-letter.json", import.meta.url), "utf8"),
) as { data: JaegerTrace[] };
const trace = recorded.data[0] as JaegerTrace;

/** The tree's hop lines without durations, which vary from one recording to the next. */
const hops = (lines: readonly string[]) =>
  lines.filter((line) => /[├└]─ /.test(line)).map((line) => line.replace(/\d+(\.\d+)?(µs|ms|s)\b/, "<t>"));

describe("renderTraceTree", () => {
  it("prints each hop under the one before it, with its service and instance, in causal order", () => {
    expect(hops(renderTraceTree(trace))).toEqual([
      "└─ source read record  [connector-file/file-1]  <t>  orders",
      "   └─ transform mask  [worker/worker-1]  <t>",
      "      └─ convert  [worker/worker-1]  <t>",
      "         └─ produce  [worker/worker-1]  <t>  orders:0@41",
      "            └─ consume  [worker/worker-1]  <t>  orders:0@41",
      "               └─ convert  [worker/worker-1]  <t>",
      "                  └─ transform route  [worker/worker-1]  <t>  FAILED",
      "                     └─ dead letter  [worker/worker-1]  <t>  orders-dlq:0@3",
    ]);
  });

  it("says how many spans and processes the trace has", () => {
    expect(renderTraceTree(trace)[0]).toBe(`trace ${trace.traceID}: 8 spans from 2 processes`);
  });

  it("shows the key and value a span carries, and the error of the hop that failed", () => {
    const lines = renderTraceTree(trace);
    const produce = lines.findIndex((line) => line.includes("produce"));
    expect(lines.slice(produce + 1, produce + 3).map((line) => line.trim())).toEqual([
      "key:   order-7",
      'value: {"id":7,"card":"****"}',
    ]);
    const failed = lines.findIndex((line) => line.includes("FAILED"));
    expect(lines[failed + 1]?.trim()).toBe(
      'error: field "region" is missing from the value; the transform needs it',
    );
  });

  it("keeps a span whose parent is not in the trace as a root, rather than dropping it", () => {
    const orphaned = {
      ...trace,
      spans: trace.spans.filter((span) => span.operationName !== "source read record"),
    };
    expect(hops(renderTraceTree(orphaned))[0]).toBe("└─ transform mask  [worker/worker-1]  <t>");
  });
});

describe("formatDuration", () => {
  it.each([
    [850, "850µs"],
    [12_345, "12.3ms"],
    [2_100_000, "2.10s"],
  ])("shows %i µs as %s", (micros, shown) => {
    expect(formatDuration(micros)).toBe(shown);
  });
});
