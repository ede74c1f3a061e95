/**
 * The tracing-overhead runs of issues 9 and 17: row D on the 100-byte workload with tracing off, and with
 * tracing on at three of the connectors' `trace.sampling.ratio`s, the spans going to a Jaeger that receives
 * them. 0% is tracing configured but never sampling: what merely having tracing on costs.
 */
export interface TracingMode {
  readonly name: "off" | "0%" | "1%" | "100%";
  /** The connectors' `trace.sampling.ratio`; undefined: the services have no OTLP endpoint, so no tracing at all. */
  readonly samplingRatio: number | undefined;
}

export type TracingModeName = TracingMode["name"];

/** In the order each run measures them; the first is what every ratio is taken against. */
export const TRACING_MODES: readonly TracingMode[] = [
  { name: "off", samplingRatio: undefined },
  { name: "0%", samplingRatio: 0 },
  { name: "1%", samplingRatio: 0.01 },
  { name: "100%", samplingRatio: 1 },
];

/** The measurement's name in the progress lines and in the failures of results.json. */
export function tracingMeasurement(mode: TracingModeName): string {
  return `tracing ${mode}`;
}
